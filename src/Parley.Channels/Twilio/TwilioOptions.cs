using System.ComponentModel.DataAnnotations;

namespace Parley.Channels.Twilio;

/// <summary>How Parley talks to Twilio's REST API (per-account settings live on the account).</summary>
public sealed class TwilioOptions
{
    public const string SectionName = "Parley:Twilio";

    /// <summary>Longest wait for one Twilio request; a timeout is retried by the outbound queue.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When a long text was split and a later part fails transiently, that part is retried in place this many
    /// times (the earlier parts were already delivered, so the whole message is not re-queued).
    /// </summary>
    [Range(0, 10)]
    public int PartRetries { get; set; } = 2;

    /// <summary>Wait before retrying a part, unless Twilio says how long (capped at 10 seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan PartRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Redirects followed when fetching media (Twilio sends media from a signed CDN URL).</summary>
    [Range(0, 10)]
    public int MaxMediaRedirects { get; set; } = 5;
}
