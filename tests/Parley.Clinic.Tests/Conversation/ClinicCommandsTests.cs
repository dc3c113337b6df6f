using Parley.Clinic.Access;
using Parley.Clinic.Demo;
using Parley.Core.Storage;
using Parley.Testing;

namespace Parley.Clinic.Tests.Conversation;

/// <summary>Every command by role, on the demo clinic: what each person sees, what is masked, what is audited.</summary>
public sealed class ClinicCommandsTests
{
    [Theory, SqliteData, PostgresData]
    public async Task APatient_ReadsOwnAppointmentsInTheIssuesFormat_WithoutAnAuditLine(DatabaseKind kind)
    {
        await using var h = await ClinicHarness.StartAsync(kind);
        var pat = await h.PatientAsync();

        var text = await h.RunAsync(pat, "get appointments");

        text.ShouldStartWith("📅 Your Upcoming Appointments:");
        text.ShouldContain("🏥 Dr. Sam Smith - Cardiology\n📅 Tomorrow, 2:00 PM\n📍 Room 205, Main Building");
        text.ShouldContain("Dr. Lucía Ejemplo - Dermatology");
        text.ShouldNotContain("Ana Prueba");
        (await h.AuditAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task APatient_ReadsOwnRecordsMedicationsAndProcedures()
    {
        await using var h = await ClinicHarness.StartAsync();
        var pat = await h.PatientAsync();

        (await h.RunAsync(pat, "get records")).ShouldContain("⚠️ Allergies: Penicillin (demo)");
        var meds = await h.RunAsync(pat, "get medications");
        meds.ShouldContain("💊 Lisinopril (demo) 10 mg\n⏰ 08:00, 20:00");
        meds.ShouldContain("🗂️ Past medications:");
        (await h.RunAsync(pat, "get procedures")).ShouldContain("🔬 Electrocardiogram (ECG)");
    }

    [Fact]
    public async Task APatient_AskingForAnotherPatientsData_IsRefusedAndAudited()
    {
        await using var h = await ClinicHarness.StartAsync();
        var pat = await h.PatientAsync();
        var ana = await h.PatientIdAsync(DemoClinic.SpanishPatientPhone);

        var text = await h.RunAsync(pat, "get medications " + DemoClinic.SpanishPatientPhone);

        text.ShouldBe("⛔ You are not allowed to see that.");
        text.ShouldNotContain("Crema");
        var audit = (await h.AuditAsync()).ShouldHaveSingleItem();
        (audit.ActorKind, audit.PatientId, audit.What, audit.Outcome).ShouldBe(("patient", (long?)ana, "medications", AuditEntry.Refused));
    }

    [Theory]
    [InlineData("patient search Ana")]
    [InlineData("patient info +15550100002")]
    [InlineData("schedule appointment +15550100002")]
    public async Task APatient_TryingAStaffCommand_IsRefusedAndAudited(string command)
    {
        await using var h = await ClinicHarness.StartAsync();
        var pat = await h.PatientAsync();

        (await h.RunAsync(pat, command)).ShouldBe("⛔ That command is for clinic staff only.");

        (await h.AuditAsync()).ShouldHaveSingleItem().What.ShouldBe("staff_command");
    }

    [Theory, SqliteData, PostgresData]
    public async Task Reception_SearchSeesMaskedResults_EachShownPatientAudited(DatabaseKind kind)
    {
        await using var h = await ClinicHarness.StartAsync(kind);
        var rita = await h.StaffAsync(DemoClinic.ReceptionPhone);

        var text = await h.RunAsync(rita, "patient search demo");

        text.ShouldContain("👤 Pat Demo\n📱 •••• 0001 · 🎂 1980-••-•• · 🆔 ••••••01");
        text.ShouldNotContain("+15550100001");
        text.ShouldNotContain("1980-04-12");
        text.ShouldNotContain("DEMO-0001");
        var audit = (await h.AuditAsync()).ShouldHaveSingleItem();
        (audit.ActorKind, audit.ActorRole, audit.What, audit.Outcome, audit.PatientId)
            .ShouldBe(("staff", "reception", "search", AuditEntry.Allowed, (long?)await h.PatientIdAsync()));
    }

    [Fact]
    public async Task Search_ByPhoneDigits_FindsThePatient_AndShowsAtMostTen()
    {
        await using var h = await ClinicHarness.StartAsync();
        var directory = h.Get<Parley.Clinic.Patients.ClinicDirectory>();
        for (var i = 0; i < 12; i++)
        {
            await directory.UpsertPatientAsync(new Parley.Clinic.Patients.Patient(0, $"BULK-{i:00}", $"Bulk Person {i:00}", "2000-01-01", $"+1555019{i:0000}"), default);
        }

        var nia = await h.StaffAsync(DemoClinic.NursePhone);
        (await h.RunAsync(nia, "patient search 0100002")).ShouldContain("👤 Ana Prueba");
        var bulk = await h.RunAsync(nia, "patient search bulk person");
        bulk.ShouldContain("🔍 Patients (10):");
        bulk.ShouldContain("(First 10 shown: narrow the search.)");
    }

    [Fact]
    public async Task Reception_PatientInfo_ShowsContactAndAppointments_MasksBirthAndRecord_NoClinicalData()
    {
        await using var h = await ClinicHarness.StartAsync();
        var rita = await h.StaffAsync(DemoClinic.ReceptionPhone);

        var text = await h.RunAsync(rita, "patient info +15550100001");

        text.ShouldContain("📱 +15550100001");
        text.ShouldContain("🎂 Date of birth: 1980-••-••");
        text.ShouldContain("🆔 Record number: ••••••01");
        text.ShouldContain("📅 Upcoming Appointments:");
        text.ShouldNotContain("Lisinopril");
        text.ShouldNotContain("Penicillin");
        var audit = await h.AuditAsync();
        audit.Select(a => a.What).Order().ShouldBe(["appointments", "full_details"]);
        audit.ShouldAllBe(a => a.Outcome == AuditEntry.Allowed && a.ActorRole == "reception");
    }

    [Theory]
    [InlineData(DemoClinic.DoctorPhone, "doctor")]
    [InlineData(DemoClinic.NursePhone, "nurse")]
    public async Task ClinicalStaff_PatientInfo_ShowsFullDetailsAndClinicalData_Audited(string phone, string role)
    {
        await using var h = await ClinicHarness.StartAsync();
        var staff = await h.StaffAsync(phone);

        var text = await h.RunAsync(staff, "patient info +15550100001");

        text.ShouldContain("🎂 Date of birth: 1980-04-12");
        text.ShouldContain("🆔 Record number: DEMO-0001");
        text.ShouldContain("Lisinopril (demo)");
        text.ShouldContain("Penicillin (demo)");
        var audit = await h.AuditAsync(await h.PatientIdAsync());
        audit.Select(a => a.What).Order().ShouldBe(["appointments", "full_details", "medications", "records"]);
        audit.ShouldAllBe(a => a.ActorRole == role && a.Outcome == AuditEntry.Allowed);
    }

    [Fact]
    public async Task Admin_IsTreatedLikeReception_NoClinicalData()
    {
        await using var h = await ClinicHarness.StartAsync();
        var ada = await h.StaffAsync(DemoClinic.AdminPhone);

        var text = await h.RunAsync(ada, "patient info +15550100001");

        text.ShouldContain("🎂 Date of birth: 1980-••-••");
        text.ShouldNotContain("Lisinopril");
    }

    [Fact]
    public async Task Staff_UsingAPatientCommand_GetsAHint_AndNoData()
    {
        await using var h = await ClinicHarness.StartAsync();
        var smith = await h.StaffAsync(DemoClinic.DoctorPhone);

        (await h.RunAsync(smith, "get records")).ShouldBe("That command is for patients. Use *patient info <phone>*.");
    }

    [Fact]
    public async Task Help_DependsOnTheRole_AndMenuIsAListMessage()
    {
        await using var h = await ClinicHarness.StartAsync();
        (await h.RunAsync(await h.PatientAsync(), "help")).ShouldContain("• get records - View your medical records");
        (await h.RunAsync(await h.StaffAsync(DemoClinic.ReceptionPhone), "help")).ShouldContain("• patient search <name or phone>");

        var menu = await h.Get<Parley.Clinic.Conversation.ClinicCommands>().RunAsync(await h.PatientAsync(),
            Parley.Clinic.Conversation.CommandParser.Parse("menu"), "en", default);
        var list = menu.ShouldHaveSingleItem().Interactive.ShouldNotBeNull();
        list.Kind.ShouldBe("list");
        list.Sections!.SelectMany(s => s.Rows).Select(r => r.Id).ShouldContain("get appointments");
    }

    [Fact]
    public async Task SpanishPhrasings_AnswerInSpanish()
    {
        await using var h = await ClinicHarness.StartAsync();
        var ana = await h.PatientAsync(DemoClinic.SpanishPatientPhone);

        (await h.RunAsync(ana, "mis medicinas", "es")).ShouldContain("💊 Tus medicinas:");
        (await h.RunAsync(ana, "¿cuándo es mi próxima cita?", "es")).ShouldContain("📅 Mañana, 09:00");
    }
}
