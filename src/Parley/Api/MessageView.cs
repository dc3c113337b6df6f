using Parley.Core.Messaging;

namespace Parley.Api;

/// <summary>A stored message. <c>text</c> is a readable summary; <c>content</c> holds every part.</summary>
public sealed record MessageView(string Id, string AccountId, string ConversationId, string ContactId, string Direction, string Type, string Status, DateTimeOffset CreatedAt)
{
    public string? Text { get; init; }
    public MessageContent? Content { get; init; }
    public DateTimeOffset StatusAt { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorReason { get; init; }
    public string? ProviderMessageId { get; init; }
    public string? InReplyTo { get; init; }
    /// <summary>Who created it: bot, api, cli, admin (outbound), or null (inbound).</summary>
    public string? Source { get; init; }
    /// <summary>Where to download the message's media: <c>/api/v1/media/{id}?message={messageId}</c> (with this message's type and name) when Parley stored it, else the URL it was sent from.</summary>
    public string? MediaUrl { get; init; }
    public IReadOnlyList<StatusView>? StatusHistory { get; init; }

    internal static readonly MessageView Example = new("42", "sandbox", "7", "3", "outbound", "text", "delivered", DateTimeOffset.Parse("2026-01-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture))
    {
        Text = "Your order has shipped.",
        Content = MessageContent.FromText("Your order has shipped."),
        StatusAt = DateTimeOffset.Parse("2026-01-05T10:00:03Z", System.Globalization.CultureInfo.InvariantCulture),
        ProviderMessageId = "wamid.HBgLMTU1NTAwMDExMTEVAgARGBI",
        Source = "api",
    };

    public static MessageView From(StoredMessage m) =>
        new(ApiProblems.Id(m.Id), m.AccountId, ApiProblems.Id(m.ConversationId), ApiProblems.Id(m.ContactId), m.Direction, m.Content.Type, m.Status.ToWire(), m.CreatedAt)
        {
            Text = m.Content.Summary(),
            Content = m.Content,
            StatusAt = m.StatusAt,
            ErrorCode = m.ErrorCode,
            ErrorReason = m.ErrorReason,
            ProviderMessageId = m.ProviderMessageId,
            InReplyTo = m.InReplyTo is { } r ? ApiProblems.Id(r) : null,
            Source = m.Source,
            MediaUrl = MediaUrlOf(m.Id, m.Content),
        };

    private static string? MediaUrlOf(long messageId, MessageContent c) =>
        c.Media is not { } media ? null
        : media.StoredId is { Length: > 0 } stored ? MediaApi.UrlFor(stored, messageId)
        : media.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp) ? url
        : null;
}
