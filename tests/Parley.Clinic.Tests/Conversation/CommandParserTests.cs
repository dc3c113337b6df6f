using Parley.Clinic.Conversation;

namespace Parley.Clinic.Tests.Conversation;

public sealed class CommandParserTests
{
    [Theory]
    [InlineData("get records", CommandKind.Records, null)]
    [InlineData("GET MEDICATIONS", CommandKind.Medications, null)]
    [InlineData("get appointments", CommandKind.Appointments, null)]
    [InlineData("get procedures", CommandKind.Procedures, null)]
    [InlineData("mis medicinas", CommandKind.Medications, "es")]
    [InlineData("¿Cuándo es mi próxima cita?", CommandKind.Appointments, "es")]
    [InlineData("when is my next appointment?", CommandKind.Appointments, "en")]
    [InlineData("show me my medicines", CommandKind.Medications, "en")]
    [InlineData("mi historial", CommandKind.Records, "es")]
    [InlineData("ayuda", CommandKind.Help, "es")]
    [InlineData("help", CommandKind.Help, null)]
    [InlineData("menú", CommandKind.Menu, null)]
    [InlineData("login", CommandKind.Login, null)]
    [InlineData("logout", CommandKind.Logout, null)]
    [InlineData("cerrar sesión", CommandKind.Logout, "es")]
    [InlineData("what is the weather", CommandKind.Unknown, null)]
    public void Parse_ReadsCommandsAndNaturalPhrasings(string text, CommandKind kind, string? language)
    {
        var command = CommandParser.Parse(text);
        command.Kind.ShouldBe(kind);
        command.Language.ShouldBe(language);
    }

    [Fact]
    public void StaffCommands_KeepTheirArgumentAsTyped()
    {
        CommandParser.Parse("patient search Ana Prueba").ShouldBe(new ClinicCommand(CommandKind.PatientSearch, "Ana Prueba"));
        CommandParser.Parse("Patient Info +1 555 010 0001").ShouldBe(new ClinicCommand(CommandKind.PatientInfo, "+1 555 010 0001"));
        CommandParser.Parse("schedule appointment +15550100001 with Dr. Smith tomorrow 10:00").Argument
            .ShouldBe("+15550100001 with Dr. Smith tomorrow 10:00");
    }

    [Fact]
    public void ReminderButtons_AreConfirmAndCancel()
    {
        CommandParser.Parse("clinic:confirm:12").ShouldBe(new ClinicCommand(CommandKind.ConfirmAppointment, "12"));
        CommandParser.Parse("clinic:cancel:12").ShouldBe(new ClinicCommand(CommandKind.CancelAppointment, "12"));
    }
}
