using Microsoft.Extensions.Caching.Memory;

namespace Parley.Bots.Engine.DataSources;

/// <summary>An in-memory cache bounded by the number of rows it holds.</summary>
public sealed class MemoryDataSourceCache(TimeProvider time) : IDataSourceCache, IDisposable
{
    /// <summary>Rows (plus one per entry) kept at most; the oldest entries go first when it is full.</summary>
    public const long MaxRows = 50_000;

    private MemoryCache _cache = Create(time);

    public async Task<DataResult> GetOrAddAsync(string key, TimeSpan ttl, Func<CancellationToken, Task<DataResult>> load, CancellationToken ct)
    {
        var cache = _cache;
        if (cache.TryGetValue(key, out DataResult? hit) && hit is not null)
        {
            return hit;
        }

        var result = await load(ct);
        cache.Set(key, result, new MemoryCacheEntryOptions
        {
            AbsoluteExpirationRelativeToNow = ttl,
            Size = result.Rows.Count + 1,
        });
        return result;
    }

    public Task ClearAsync(CancellationToken ct = default)
    {
        var old = Interlocked.Exchange(ref _cache, Create(time));
        old.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _cache.Dispose();

    private static MemoryCache Create(TimeProvider time) => new(new MemoryCacheOptions { SizeLimit = MaxRows, Clock = new SystemClockAdapter(time) });

#pragma warning disable CS0618 // ISystemClock is the only way to give MemoryCache a clock; it keeps expiry testable.
    private sealed class SystemClockAdapter(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
#pragma warning restore CS0618
}
