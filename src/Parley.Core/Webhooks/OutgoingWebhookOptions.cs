using System.ComponentModel.DataAnnotations;

namespace Parley.Core.Webhooks;

public sealed class OutgoingWebhookOptions
{
    public const string SectionName = "Parley:Webhooks";

    /// <summary>Runs the dispatcher in this instance (deliveries are still queued when off).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Attempts before a delivery is given up on (about a day with the default backoff).</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 12;

    /// <summary>First retry delay; doubled each attempt, with jitter, up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long a receiver may take to answer.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deliveries sent at once by this instance.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 8;

    /// <summary>How often the dispatcher looks for due retries and deliveries queued by other instances.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether events of sandbox accounts are delivered (marked <c>"sandbox": true</c>). Off: a sandbox anyone may type
    /// into must not drive the receivers of real events. The channels set it from <c>Parley:Sandbox:OutgoingWebhooks</c>.
    /// </summary>
    public bool DeliverSandboxEvents { get; set; }

    public TimeSpan Backoff(int attempt, double jitter01)
    {
        var exp = BaseBackoff.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
        var capped = Math.Min(exp, MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (0.5 * jitter01)));
    }
}
