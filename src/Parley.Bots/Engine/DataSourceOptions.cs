namespace Parley.Bots.Engine;

public sealed class DataSourceOptions
{
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    public int MaxRows { get; set; } = 100;

    /// <summary>How long results are cached unless a data source says otherwise; zero turns caching off.</summary>
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromHours(1);
}
