using Parley.Bots.Engine.DataSources;
using Parley.Testing;
using Parley.Testing.Fakes;

namespace Parley.Bots.Tests.Engine.DataSources;

/// <summary>Data source results shared through the real Redis (PARLEY_TEST_REDIS), and kept in-process while it is away.</summary>
public sealed class RedisDataSourceCacheTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    [RedisFact]
    public async Task GetOrAddAsync_AnotherInstanceLoaded_ItsResultIsUsed_UntilClearAsync()
    {
        var prefix = TestRedis.NewPrefix();
        await using var redisA = TestRedis.Connect(prefix);
        await using var redisB = TestRedis.Connect(prefix);
        var a = await ConnectedCacheAsync(redisA);
        var b = await ConnectedCacheAsync(redisB);
        var loads = 0;
        Task<DataResult> Load(CancellationToken _)
        {
            loads++;
            return Task.FromResult(Sample());
        }

        await a.GetOrAddAsync("office:madrid", Ttl, Load, default);
        var fromB = await b.GetOrAddAsync("office:madrid", Ttl, Load, default);

        loads.ShouldBe(1);
        fromB.Rows[0]["Name"].ShouldBe("Madrid");
        await a.ClearAsync();
        await b.GetOrAddAsync("office:madrid", Ttl, Load, default);
        loads.ShouldBe(2, "a clear on one instance is seen by the others");
    }

    [RedisFact]
    public async Task GetOrAddAsync_RedisAway_LoadsAndCachesInProcess()
    {
        var prefix = TestRedis.NewPrefix();
        await using var proxy = TcpProxy.StartFor(TestRedis.Configuration!);
        await using var redis = TestRedis.Connect(prefix, proxy.Configuration);
        var cache = await ConnectedCacheAsync(redis);
        var loads = 0;
        Task<DataResult> Load(CancellationToken _)
        {
            loads++;
            return Task.FromResult(Sample());
        }

        proxy.Stop();
        var first = await cache.GetOrAddAsync("office:lima", Ttl, Load, default);
        await cache.GetOrAddAsync("office:lima", Ttl, Load, default);

        first.Rows.Count.ShouldBe(1);
        loads.ShouldBe(1, "the in-process cache answered the second time");
    }

    [Fact]
    public void Codec_RoundTrip_KeepsValuesAndTheirTypes()
    {
        var at = new DateTime(2026, 3, 1, 10, 30, 0, DateTimeKind.Utc);
        var result = new DataResult([new Dictionary<string, object?>
        {
            ["s"] = "héllo", ["i"] = 42, ["l"] = 1L << 40, ["d"] = 0.1 + 0.2, ["m"] = 12.50m, ["b"] = true, ["n"] = null,
            ["t"] = at, ["o"] = new DateTimeOffset(at).ToOffset(TimeSpan.FromHours(-5)), ["x"] = new byte[] { 1, 2, 3 },
        }], Truncated: true);

        var back = DataResultCodec.Decode(DataResultCodec.Encode(result));

        back.Truncated.ShouldBeTrue();
        var row = back.Rows.ShouldHaveSingleItem();
        foreach (var (key, value) in result.Rows[0])
        {
            row[key].ShouldBe(value, key);
            row[key]?.GetType().ShouldBe(value?.GetType(), key);
        }

        row["S"].ShouldBe("héllo", "column names stay case-insensitive");
    }

    private static DataResult Sample() => new([new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["Name"] = "Madrid", ["Id"] = 1L }], false);

    private static async Task<RedisDataSourceCache> ConnectedCacheAsync(Parley.Core.Redis.RedisConnection redis)
    {
        await TestRedis.EventuallyAsync(() => redis.PingAsync(default), "Redis connected");
        return new RedisDataSourceCache(redis, new MemoryDataSourceCache(TimeProvider.System));
    }
}
