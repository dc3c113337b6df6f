using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Outbound;
using Parley.Core.Redis;
using Parley.Testing;
using Parley.Testing.Fakes;

namespace Parley.Core.Tests.Outbound;

/// <summary>The send limits in the real Redis (PARLEY_TEST_REDIS): one budget for all instances, and per instance while Redis is away.</summary>
public sealed class RedisOutboundThrottleTests
{
    private static Account Meta(string id, params (string Key, string Value)[] settings) =>
        new(id, "meta") { Settings = settings.ToDictionary(s => s.Key, s => s.Value) };

    [RedisFact]
    public async Task AcquireAsync_TwoInstances_ShareTheHourlyBudget_AndThePairRate()
    {
        var prefix = TestRedis.NewPrefix();
        await using var redisA = await ConnectedAsync(prefix);
        await using var redisB = await ConnectedAsync(prefix);
        var options = Options.Create(new OutboundOptions { MessagesPerSecond = 1000, MessagesPerHour = 3, PairBurst = 100 });
        var a = new OutboundThrottle(options, TimeProvider.System, redisA);
        var b = new OutboundThrottle(options, TimeProvider.System, redisB);
        var account = Meta("hourly");

        (await a.AcquireAsync(account, "15550000001", ChannelCapabilities.WhatsApp, default)).ShouldBe(TimeSpan.Zero);
        (await b.AcquireAsync(account, "15550000002", ChannelCapabilities.WhatsApp, default)).ShouldBe(TimeSpan.Zero);
        (await a.AcquireAsync(account, "15550000003", ChannelCapabilities.WhatsApp, default)).ShouldBe(TimeSpan.Zero);
        // Each instance alone has sent at most two of its three.
        (await b.AcquireAsync(account, "15550000004", ChannelCapabilities.WhatsApp, default)).ShouldBeGreaterThan(TimeSpan.FromMinutes(10));

        var pairs = Meta("pairs", ("Outbound:PairBurst", "1"));
        (await a.AcquireAsync(pairs, "15550000005", ChannelCapabilities.WhatsApp, default)).ShouldBe(TimeSpan.Zero);
        (await b.AcquireAsync(pairs, "15550000005", ChannelCapabilities.WhatsApp, default)).ShouldBeGreaterThan(TimeSpan.FromSeconds(1));
        (await b.AcquireAsync(pairs, "15550000006", ChannelCapabilities.WhatsApp, default)).ShouldBe(TimeSpan.Zero);
        (await TestRedis.KeysAsync(prefix)).ShouldNotContain(k => k.Contains("15550000005", StringComparison.Ordinal), "numbers are hashed in keys");
    }

    [RedisFact]
    public async Task AcquireAsync_RedisAway_ThisInstancesBucketsDecide()
    {
        var prefix = TestRedis.NewPrefix();
        await using var proxy = TcpProxy.StartFor(TestRedis.Configuration!);
        await using var redis = TestRedis.Connect(prefix, proxy.Configuration);
        await TestRedis.EventuallyAsync(() => redis.PingAsync(default), "Redis connected");
        var throttle = new OutboundThrottle(Options.Create(new OutboundOptions { MessagesPerSecond = 1000, MessagesPerHour = 2 }), TimeProvider.System, redis);
        var account = Meta("away");
        (await throttle.AcquireAsync(account, "1", ChannelCapabilities.WhatsApp, default)).ShouldBe(TimeSpan.Zero);

        proxy.Stop();

        // The in-process buckets start full: two more sends, then a wait.
        (await throttle.AcquireAsync(account, "2", ChannelCapabilities.WhatsApp, default)).ShouldBe(TimeSpan.Zero);
        (await throttle.AcquireAsync(account, "3", ChannelCapabilities.WhatsApp, default)).ShouldBe(TimeSpan.Zero);
        (await throttle.AcquireAsync(account, "4", ChannelCapabilities.WhatsApp, default)).ShouldBeGreaterThan(TimeSpan.Zero);
        redis.State.ShouldBe(RedisState.Unavailable);
    }

    private static async Task<RedisConnection> ConnectedAsync(string prefix)
    {
        var redis = TestRedis.Connect(prefix);
        await TestRedis.EventuallyAsync(() => redis.PingAsync(default), "Redis connected");
        return redis;
    }
}
