using Parley.Core.Bots;
using Parley.Core.Conversations;

namespace Parley.Api;

public sealed record ConversationView(string Id, string AccountId, ContactView Contact, string State)
{
    public DateTimeOffset? LastInboundAt { get; init; }
    public DateTimeOffset LastMessageAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public long Unread { get; init; }
    /// <summary>The contact wrote within 24 hours: free-form messages may be sent; otherwise only templates.</summary>
    public bool WindowOpen { get; init; }
    public string? LastMessage { get; init; }
    public string? LastMessageDirection { get; init; }
    public long InboundPending { get; init; }
    public long OutboundPending { get; init; }

    internal static readonly ConversationView Example = new("7", "sandbox", ContactView.Example, ConversationInfo.BotState)
    {
        LastInboundAt = DateTimeOffset.Parse("2026-01-05T09:59:00Z", System.Globalization.CultureInfo.InvariantCulture),
        LastMessageAt = DateTimeOffset.Parse("2026-01-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        CreatedAt = DateTimeOffset.Parse("2026-01-05T09:59:00Z", System.Globalization.CultureInfo.InvariantCulture),
        WindowOpen = true,
        LastMessage = "Your order has shipped.",
        LastMessageDirection = "outbound",
    };

    public static ConversationView From(ConversationSummary s) => new(ApiProblems.Id(s.Id), s.AccountId, ContactView.From(s.Contact), s.State)
    {
        LastInboundAt = s.LastInboundAt,
        LastMessageAt = s.LastMessageAt,
        CreatedAt = s.CreatedAt,
        Unread = s.Unread,
        WindowOpen = s.WindowOpen,
        LastMessage = s.LastMessagePreview,
        LastMessageDirection = s.LastMessageDirection,
        InboundPending = s.InboundPending,
        OutboundPending = s.OutboundPending,
    };
}
