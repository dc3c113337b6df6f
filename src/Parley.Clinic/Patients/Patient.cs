namespace Parley.Clinic.Patients;

/// <summary>A patient of the clinic. <see cref="DateOfBirth"/> is an ISO date; <see cref="Phone"/> is E.164.</summary>
public sealed record Patient(long Id, string RecordNumber, string Name, string DateOfBirth, string Phone)
{
    /// <summary>IANA time zone for reminders and alerts; null: the clinic's.</summary>
    public string? TimeZone { get; init; }

    /// <summary><c>en</c> or <c>es</c>; null: the clinic's default.</summary>
    public string? Language { get; init; }
}
