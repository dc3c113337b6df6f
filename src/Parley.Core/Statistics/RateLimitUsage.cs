namespace Parley.Core.Statistics;

/// <summary>
/// An account's sending against its limits (<c>Parley:Outbound:MessagesPerSecond</c> and <c>MessagesPerHour</c>, or the
/// account's <c>Outbound:*</c> overrides) over the last hour. Usage is a share (0..1) of the tightest limit.
/// </summary>
public sealed record RateLimitUsage(string AccountId, long SentLastHour, long PeakPerSecond, double PerSecondLimit, int PerHourLimit)
{
    public double PerSecondUsage => PerSecondLimit <= 0 ? 0 : PeakPerSecond / PerSecondLimit;

    /// <summary>Null without an hourly cap.</summary>
    public double? PerHourUsage => PerHourLimit <= 0 ? null : (double)SentLastHour / PerHourLimit;
}
