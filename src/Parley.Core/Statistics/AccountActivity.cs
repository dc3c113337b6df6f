namespace Parley.Core.Statistics;

/// <summary>
/// What an account's traffic says about its provider over a period: messages each way, where the outbound ones are now,
/// when the contact side last wrote, how the most recent send ended, and provider webhooks that could not be read.
/// </summary>
public sealed record AccountActivity(string AccountId)
{
    public long Inbound { get; init; }
    public DeliveryCounts Delivery { get; init; } = new(0, 0, 0, 0, 0);
    public DateTimeOffset? LastInboundAt { get; init; }

    /// <summary>The status of the most recent outbound message that left the queue (sent, delivered, read or failed).</summary>
    public string? LastSendStatus { get; init; }
    public DateTimeOffset? LastSendAt { get; init; }

    /// <summary>Code and reason of the most recent failed send in the period, if any.</summary>
    public string? LastFailureCode { get; init; }
    public string? LastFailureReason { get; init; }
    public DateTimeOffset? LastFailureAt { get; init; }

    /// <summary>Provider webhooks of this account stored as failed (not period-bound: they wait for a replay).</summary>
    public long FailedWebhookEvents { get; init; }
}
