using Parley.Core.Inbound;

namespace Parley.Api;

public sealed record WebhookEventView(string Id, string AccountId, string Provider, string State, DateTimeOffset ReceivedAt)
{
    public string? ContentType { get; init; }
    public int Attempts { get; init; }
    public string? LastError { get; init; }
    public int MessageCount { get; init; }
    public int StatusCount { get; init; }
    public int ReplayCount { get; init; }
    public DateTimeOffset? ReplayedAt { get; init; }
    /// <summary>The raw body as received; only when one event is read.</summary>
    public string? Body { get; init; }

    internal static readonly WebhookEventView Example = new("12", "meta-main", "meta", "failed", DateTimeOffset.Parse("2026-01-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture))
    {
        ContentType = "application/json",
        Attempts = 1,
        LastError = "JsonException: unexpected end of data",
    };

    public static WebhookEventView From(StoredWebhookEvent e) => new(ApiProblems.Id(e.Id), e.AccountId, e.Provider, e.State, e.ReceivedAt)
    {
        ContentType = e.ContentType,
        Attempts = e.Attempts,
        LastError = e.LastError,
        MessageCount = e.MessageCount,
        StatusCount = e.StatusCount,
        ReplayCount = e.ReplayCount,
        ReplayedAt = e.ReplayedAt,
        Body = e.Body,
    };
}
