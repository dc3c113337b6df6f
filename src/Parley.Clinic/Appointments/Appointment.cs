namespace Parley.Clinic.Appointments;

/// <summary>An appointment of a patient with a doctor (the doctor's name is read with it).</summary>
public sealed record Appointment(long Id, long PatientId, long DoctorId, string DoctorName, DateTimeOffset StartsAt, int DurationMinutes, string State)
{
    public string? Specialty { get; init; }
    public string? Room { get; init; }
    public string? Building { get; init; }

    public DateTimeOffset EndsAt => StartsAt.AddMinutes(DurationMinutes);
}
