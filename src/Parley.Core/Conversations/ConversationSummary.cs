using Parley.Core.Contacts;

namespace Parley.Core.Conversations;

/// <summary>A conversation with its contact and its last message, for lists and detail views.</summary>
public sealed record ConversationSummary(long Id, string AccountId, ContactSummary Contact, string State)
{
    public DateTimeOffset? LastInboundAt { get; init; }
    public DateTimeOffset LastMessageAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public long Unread { get; init; }
    /// <summary>The contact wrote within the last 24 hours, so free-form messages may be sent (WhatsApp's rule).</summary>
    public bool WindowOpen { get; init; }
    public string? LastMessagePreview { get; init; }
    public string? LastMessageDirection { get; init; }
    public long InboundPending { get; init; }
    public long OutboundPending { get; init; }
}
