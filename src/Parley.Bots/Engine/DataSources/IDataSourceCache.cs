namespace Parley.Bots.Engine.DataSources;

/// <summary>
/// Keeps data source results for their time to live. In this process's memory now
/// (<see cref="MemoryDataSourceCache"/>), or shared by all instances in Redis (<see cref="RedisDataSourceCache"/>).
/// </summary>
public interface IDataSourceCache
{
    Task<DataResult> GetOrAddAsync(string key, TimeSpan ttl, Func<CancellationToken, Task<DataResult>> load, CancellationToken ct);

    /// <summary>Forgets everything (after definitions change), on every instance when the cache is shared.</summary>
    Task ClearAsync(CancellationToken ct = default);
}
