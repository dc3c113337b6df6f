namespace Parley.Core.Messaging;

public sealed record StatusUpdate(string ProviderMessageId, MessageStatus Status, DateTimeOffset Timestamp)
{
    public string? ErrorCode { get; init; }
    public string? ErrorReason { get; init; }
    /// <summary>Recipient id as the provider names it, when given.</summary>
    public string? RecipientId { get; init; }
    public string? Raw { get; init; }
}
