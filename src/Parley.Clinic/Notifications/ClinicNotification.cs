namespace Parley.Clinic.Notifications;

/// <summary>A reminder, alert or notice for a patient, and where it stands.</summary>
public sealed record ClinicNotification(long Id, string Kind, long PatientId, DateTimeOffset DueAt, string State)
{
    public long? AppointmentId { get; init; }
    public long? MedicationId { get; init; }
    public string DedupeKey { get; init; } = "";
    public int Attempts { get; init; }
    public int Generation { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public long? MessageId { get; init; }
    public string? Error { get; init; }
}
