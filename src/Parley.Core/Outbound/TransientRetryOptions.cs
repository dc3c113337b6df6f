namespace Parley.Core.Outbound;

public sealed class TransientRetryOptions
{
    public const string SectionName = "Parley:Outbound:TransientRetry";

    /// <summary>How often the job looks for messages that ran out of retries on transient errors.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long after such a failure the message is tried again.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Rounds of retries before the failure stands.</summary>
    public int MaxRounds { get; set; } = 3;

    /// <summary>Messages older than this are not retried: a late reply is worse than none.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(23);
}
