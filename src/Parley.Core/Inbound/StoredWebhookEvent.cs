namespace Parley.Core.Inbound;

/// <summary>A provider webhook delivery as stored: <see cref="Body"/> is the raw body, exactly as received.</summary>
public sealed record StoredWebhookEvent(long Id, string AccountId, string Provider, DateTimeOffset ReceivedAt, string State)
{
    public const string Stored = "stored";
    public const string Failed = "failed";

    public string? ContentType { get; init; }
    /// <summary>Null in lists; read one event to get it.</summary>
    public string? Body { get; init; }
    public int Attempts { get; init; }
    public string? LastError { get; init; }
    public int MessageCount { get; init; }
    public int StatusCount { get; init; }
    public int ReplayCount { get; init; }
    public DateTimeOffset? ReplayedAt { get; init; }
}
