namespace Parley.Core.Messaging;

/// <summary>What one webhook delivery carries, parsed and verified, ready to be stored in one transaction.</summary>
public sealed record InboundBatch(string AccountId, string Provider, string RawBody)
{
    public IReadOnlyList<InboundMessage> Messages { get; init; } = [];
    public IReadOnlyList<StatusUpdate> Statuses { get; init; } = [];
    /// <summary>Provider events Parley records but does not turn into messages (template status changes and the like).</summary>
    public IReadOnlyList<string> OtherEvents { get; init; } = [];
    public string? ContentType { get; init; }
    /// <summary>Set when a stored webhook event is parsed again (replay): intake updates that row instead of adding one.</summary>
    public long? ReplayOfEventId { get; init; }
}

/// <summary>The sender of an inbound message as the provider names them.</summary>
/// <param name="WaId">The provider's stable user id: wa_id digits for Meta, the E.164 number for Twilio and ACS, or a business-scoped user id.</param>
public sealed record ContactRef(string WaId)
{
    /// <summary>E.164 phone number when known.</summary>
    public string? Phone { get; init; }
    public string? ProfileName { get; init; }
}

public sealed record InboundMessage(string ProviderMessageId, ContactRef From, MessageContent Content, DateTimeOffset Timestamp)
{
    /// <summary>The provider's JSON (or form fields as JSON) for this one message.</summary>
    public string? Raw { get; init; }
}

public sealed record StatusUpdate(string ProviderMessageId, MessageStatus Status, DateTimeOffset Timestamp)
{
    public string? ErrorCode { get; init; }
    public string? ErrorReason { get; init; }
    /// <summary>Recipient id as the provider names it, when given.</summary>
    public string? RecipientId { get; init; }
    public string? Raw { get; init; }
}
