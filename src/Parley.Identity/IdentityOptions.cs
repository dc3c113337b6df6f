using System.ComponentModel.DataAnnotations;

namespace Parley.Identity;

/// <summary>
/// Sign-in over WhatsApp (<c>Parley:Identity</c>). The defaults follow NIST SP 800-63B's out-of-band guidance: short-lived
/// single-use codes, few tries, limited requests (docs/identity.md).
/// </summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Parley:Identity";

    /// <summary>How long a code may be used.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:30:00", ErrorMessage = "Parley:Identity:CodeLifetime must be between 30 seconds and 30 minutes.")]
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wrong tries a code survives; after that it is dead.</summary>
    [Range(1, 10, ErrorMessage = "Parley:Identity:MaxTries must be between 1 and 10.")]
    public int MaxTries { get; set; } = 5;

    /// <summary>Codes one number may be sent per <see cref="CodeWindow"/>.</summary>
    [Range(1, 100, ErrorMessage = "Parley:Identity:CodesPerWindow must be between 1 and 100.")]
    public int CodesPerWindow { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Parley:Identity:CodeWindow must be between 1 minute and 1 day.")]
    public TimeSpan CodeWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Code requests one client address may make to the HTTP endpoints per <see cref="CodeWindow"/> (any numbers).</summary>
    [Range(1, 10_000, ErrorMessage = "Parley:Identity:RequestsPerIp must be between 1 and 10,000.")]
    public int RequestsPerIp { get; set; } = 10;

    /// <summary>Requests one client address may make to <c>/api/v1/auth</c> and the sign-in page per minute (checks included).</summary>
    [Range(1, 100_000, ErrorMessage = "Parley:Identity:HttpRequestsPerMinute must be between 1 and 100,000.")]
    public int HttpRequestsPerMinute { get; set; } = 30;

    /// <summary>A web session's lifetime; every use moves its end (sliding).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "90.00:00:00", ErrorMessage = "Parley:Identity:WebSessionLifetime must be between 5 minutes and 90 days.")]
    public TimeSpan WebSessionLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a chat sign-in flow waits for the number or the code before it gives up.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00", ErrorMessage = "Parley:Identity:ChatFlowTimeout must be between 1 minute and 1 hour.")]
    public TimeSpan ChatFlowTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The account that sends codes when a request names none and the number has no conversation yet (with one enabled
    /// account, that one is used).
    /// </summary>
    public string? Account { get; set; }

    /// <summary>How long the sign-in audit is kept.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Parley:Identity:AuditRetention must be between 1 and 3650 days.")]
    public TimeSpan AuditRetention { get; set; } = TimeSpan.FromDays(90);
}
