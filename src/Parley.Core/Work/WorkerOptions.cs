using System.ComponentModel.DataAnnotations;

namespace Parley.Core.Work;

public sealed class WorkerOptions
{
    public const string SectionName = "Parley:Workers";

    /// <summary>Conversations processed at once by this instance, per queue.</summary>
    [Range(1, 1024)]
    public int Concurrency { get; set; } = 32;

    /// <summary>How long a worker holds a conversation before another instance may take it over.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a worker looks for work it was not told about (other instances, retries due).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts before an inbound message or an outbound send is marked failed.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First retry delay; doubled each attempt, with jitter, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Turns the workers off (for an intake-only instance, or tests that drive work by hand).</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan Backoff(int attempt, double jitter01)
    {
        var exp = BaseBackoff.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
        var capped = Math.Min(exp, MaxBackoff.TotalMilliseconds);
        // Full jitter on the upper half keeps retries of many conversations from arriving together.
        return TimeSpan.FromMilliseconds(capped * (0.5 + (0.5 * jitter01)));
    }
}
