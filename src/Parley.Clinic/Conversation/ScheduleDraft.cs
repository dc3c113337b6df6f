namespace Parley.Clinic.Conversation;

/// <summary>An appointment being booked over chat: what is known so far (kept in the conversation's bot session).</summary>
public sealed record ScheduleDraft
{
    public long? PatientId { get; init; }
    public long? DoctorId { get; init; }
    public string? Specialty { get; init; }
    public long? StartsAtMs { get; init; }
    public string? Room { get; init; }
    public string? Building { get; init; }

    /// <summary>The room was asked and skipped.</summary>
    public bool RoomSkipped { get; init; }
}
