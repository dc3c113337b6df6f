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
    /// <summary>Who wrote the last message when it was outbound: <c>bot</c>, <c>agent</c>, <c>api</c>, <c>cli</c>.</summary>
    public string? LastMessageSource { get; init; }
    /// <summary>Who wrote the last outbound message (<c>bot</c>, <c>agent</c>, …), whatever came after it.</summary>
    public string? LastOutboundSource { get; init; }
    public long InboundPending { get; init; }
    public long OutboundPending { get; init; }

    /// <summary>The bot is paused for this conversation (state <c>human</c>): the contact asked for a person or an operator took it over.</summary>
    public bool PausedForPerson => State == Bots.ConversationInfo.HumanState;

    /// <summary>
    /// An operator really holds it: paused for a person, and a person (not the bot) wrote the last reply. Paused without a
    /// person's reply yet, the contact is waiting for one (they asked for a person, or an operator took it over and has not
    /// written yet).
    /// </summary>
    public bool HeldByOperator => PausedForPerson && LastOutboundSource == "agent";
}
