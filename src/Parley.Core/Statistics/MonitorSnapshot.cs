namespace Parley.Core.Statistics;

/// <summary>What <c>monitor</c> shows: the period's messages, delivery, failures, throttling and backlogs.</summary>
public sealed record MonitorSnapshot(DateTimeOffset From, DateTimeOffset To)
{
    public string? AccountId { get; init; }
    public long Inbound { get; init; }
    public long Outbound { get; init; }
    public DeliveryCounts Delivery { get; init; } = new(0, 0, 0, 0, 0);
    public IReadOnlyList<FailureCount> Failures { get; init; } = [];
    /// <summary>Transient send failures in the period whose error says the provider throttled (HTTP 429 or a rate-limit code).</summary>
    public long Throttled { get; init; }
    public ResponseTimes ResponseTimes { get; init; } = new(0, null, null, null);
    public IReadOnlyList<RateLimitUsage> RateLimits { get; init; } = [];
    public Backlog Backlog { get; init; } = new();
}
