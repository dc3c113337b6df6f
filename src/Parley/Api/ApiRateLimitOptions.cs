using System.ComponentModel.DataAnnotations;

namespace Parley.Api;

public sealed class ApiRateLimitOptions
{
    public const string SectionName = "Parley:Api:RateLimit";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests one API key may make per <see cref="Window"/>.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Parley:Api:RateLimit:PermitLimit must be between 1 and 1,000,000.")]
    public int PermitLimit { get; set; } = 600;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Parley:Api:RateLimit:Window must be between 1 second and 1 day.")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary><c>fixed</c> (resets each window) or <c>sliding</c> (the window moves in <see cref="SegmentsPerWindow"/> steps).</summary>
    [RegularExpression("^(?i)(fixed|sliding)$", ErrorMessage = "Parley:Api:RateLimit:Kind must be 'fixed' or 'sliding'.")]
    public string Kind { get; set; } = "fixed";

    [Range(1, 100, ErrorMessage = "Parley:Api:RateLimit:SegmentsPerWindow must be between 1 and 100.")]
    public int SegmentsPerWindow { get; set; } = 6;
}
