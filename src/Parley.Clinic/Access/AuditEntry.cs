namespace Parley.Clinic.Access;

/// <summary>One line of the access audit: who read (or tried to read) what of which patient, when, and whether it was allowed.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string ActorKind, long? ActorId, string? ActorRole, long? PatientId, string What, string Outcome, string Channel)
{
    public long? ConversationId { get; init; }

    /// <summary>The actor's name, read with the entry (staff only).</summary>
    public string? ActorName { get; init; }

    public const string Allowed = "allowed";
    public const string Refused = "refused";
}
