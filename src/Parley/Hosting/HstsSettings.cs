using System.ComponentModel.DataAnnotations;

namespace Parley.Hosting;

/// <summary>
/// <c>Parley:Hsts</c>: the <c>Strict-Transport-Security</c> header on HTTPS answers (off by default). Only answers the
/// browser received over HTTPS carry it (directly or through a trusted proxy), never those for localhost.
/// </summary>
public sealed class HstsSettings
{
    public const string SectionName = "Parley:Hsts";

    public bool Enabled { get; set; }

    [Range(typeof(TimeSpan), "00:05:00", "730.00:00:00", ErrorMessage = "Parley:Hsts:MaxAge must be between 5 minutes and 730 days.")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(365);

    public bool IncludeSubDomains { get; set; }

    public bool Preload { get; set; }
}
