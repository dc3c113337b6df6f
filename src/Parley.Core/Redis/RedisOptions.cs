using System.ComponentModel.DataAnnotations;

namespace Parley.Core.Redis;

/// <summary>
/// Optional Redis (<c>Parley:Redis</c>): with a configuration string, the per-contact rate limit and the data source
/// cache are shared by every instance. Without one, the same interfaces run in this process.
/// </summary>
public sealed class RedisOptions
{
    public const string SectionName = "Parley:Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>localhost:6379</c> or <c>redis1:6379,password=…</c>. Empty: no Redis.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key Parley writes, so several deployments can share one Redis.</summary>
    [RegularExpression("^[A-Za-z0-9_.:-]{0,64}$", ErrorMessage = "Parley:Redis:KeyPrefix may hold letters, digits and _ . : - (at most 64).")]
    public string KeyPrefix { get; set; } = "parley:";

    /// <summary>A Redis call that takes longer than this counts as Redis being down (the in-process path answers instead).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30", ErrorMessage = "Parley:Redis:OperationTimeout must be between 50 ms and 30 s.")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(1);

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);
}
