namespace Parley.Clinic.Conversation;

/// <summary>What a message asks for; <see cref="Language"/> is set when the phrasing tells (<c>es</c> for "mis medicinas").</summary>
public sealed record ClinicCommand(CommandKind Kind, string Argument = "")
{
    public string? Language { get; init; }

    /// <summary>Patient commands that show clinical or personal data: they need a sign-in.</summary>
    public bool IsPatientData => Kind is CommandKind.Records or CommandKind.Medications or CommandKind.Appointments or CommandKind.Procedures;

    public bool IsStaffOnly => Kind is CommandKind.PatientSearch or CommandKind.PatientInfo or CommandKind.Schedule;
}
