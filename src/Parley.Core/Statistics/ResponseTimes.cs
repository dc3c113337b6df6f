namespace Parley.Core.Statistics;

/// <summary>Time from an inbound message to the first reply that left for it, in milliseconds.</summary>
public sealed record ResponseTimes(long Samples, double? P50Ms, double? P90Ms, double? P99Ms)
{
    public double? P95Ms { get; init; }
}
