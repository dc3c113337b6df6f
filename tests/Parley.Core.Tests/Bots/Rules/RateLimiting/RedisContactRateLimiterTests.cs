using Microsoft.Extensions.Logging;
using Parley.Core.Bots.Rules.RateLimiting;
using Parley.Core.Redis;
using Parley.Testing;
using Parley.Testing.Fakes;

namespace Parley.Core.Tests.Bots.Rules.RateLimiting;

/// <summary>The per-contact limit in the real Redis (PARLEY_TEST_REDIS): shared by instances, and in-process while Redis is away.</summary>
public sealed class RedisContactRateLimiterTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    [RedisFact]
    public async Task CheckAsync_TwoInstances_ShareOneWindow_AndOneNotice()
    {
        var prefix = TestRedis.NewPrefix();
        await using var redisA = TestRedis.Connect(prefix);
        await using var redisB = TestRedis.Connect(prefix);
        var a = await ConnectedLimiterAsync(redisA);
        var b = await ConnectedLimiterAsync(redisB);
        var decisions = new List<RateLimitDecision>();

        // Alternate instances: each alone would allow 3 of its 4.
        for (var i = 0; i < 8; i++)
        {
            var limiter = i % 2 == 0 ? a : b;
            decisions.Add(await limiter.CheckAsync(new RateLimitRequest("acc", 7, 100 + i, Start.AddSeconds(i), 3, Window), default));
        }

        decisions.ShouldBe([
            RateLimitDecision.Allowed, RateLimitDecision.Allowed, RateLimitDecision.Allowed, RateLimitDecision.LimitedNotify,
            RateLimitDecision.Limited, RateLimitDecision.Limited, RateLimitDecision.Limited, RateLimitDecision.Limited]);
        // Another contact has its own window.
        (await b.CheckAsync(new RateLimitRequest("acc", 8, 200, Start.AddSeconds(9), 3, Window), default)).ShouldBe(RateLimitDecision.Allowed);
        // The window slides: just over 60 s after the first answered message, one slot is free again, on either instance.
        (await b.CheckAsync(new RateLimitRequest("acc", 7, 300, Start.AddSeconds(60.5), 3, Window), default)).ShouldBe(RateLimitDecision.Allowed);
        (await a.CheckAsync(new RateLimitRequest("acc", 7, 301, Start.AddSeconds(60.8), 3, Window), default)).ShouldBe(RateLimitDecision.LimitedNotify);
    }

    [RedisFact]
    public async Task CheckAsync_SameMessageOnAnotherInstance_GetsTheSameDecision_AndIsCountedOnce()
    {
        var prefix = TestRedis.NewPrefix();
        await using var redisA = TestRedis.Connect(prefix);
        await using var redisB = TestRedis.Connect(prefix);
        var a = await ConnectedLimiterAsync(redisA);
        var b = await ConnectedLimiterAsync(redisB);

        (await a.CheckAsync(new RateLimitRequest("acc", 1, 1, Start, 2, Window), default)).ShouldBe(RateLimitDecision.Allowed);
        // Instance A died after deciding; B retries the same message.
        (await b.CheckAsync(new RateLimitRequest("acc", 1, 1, Start, 2, Window), default)).ShouldBe(RateLimitDecision.Allowed);
        (await b.CheckAsync(new RateLimitRequest("acc", 1, 2, Start.AddSeconds(1), 2, Window), default)).ShouldBe(RateLimitDecision.Allowed);
        (await a.CheckAsync(new RateLimitRequest("acc", 1, 3, Start.AddSeconds(2), 2, Window), default)).ShouldBe(RateLimitDecision.LimitedNotify);
        (await b.CheckAsync(new RateLimitRequest("acc", 1, 3, Start.AddSeconds(2), 2, Window), default)).ShouldBe(RateLimitDecision.LimitedNotify);
    }

    [RedisFact]
    public async Task CheckAsync_RedisGoesAway_InProcessDecides_LoggedOnce_ThenRedisAgainWhenItReturns()
    {
        var prefix = TestRedis.NewPrefix();
        await using var proxy = TcpProxy.StartFor(TestRedis.Configuration!);
        using var logs = new CapturingLoggerProvider();
        using var factory = new LoggerFactory([logs]);
        await using var redis = TestRedis.Connect(prefix, proxy.Configuration, factory.CreateLogger<RedisConnection>());
        var limiter = await ConnectedLimiterAsync(redis);
        (await limiter.CheckAsync(new RateLimitRequest("acc", 1, 1, Start, 2, Window), default)).ShouldBe(RateLimitDecision.Allowed);
        (await TestRedis.KeysAsync(prefix)).ShouldNotBeEmpty("the first decision was made in Redis");

        proxy.Stop();
        // Decisions keep coming while Redis is away (the in-process window is fresh: it never saw message 1).
        for (var i = 0; i < 5; i++)
        {
            (await limiter.CheckAsync(new RateLimitRequest("acc", 2, 10 + i, Start.AddSeconds(1 + i), 10, Window), default)).ShouldBe(RateLimitDecision.Allowed);
        }

        redis.State.ShouldBe(RedisState.Unavailable);
        logs.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("Redis is unavailable", StringComparison.Ordinal)).ShouldBe(1);

        proxy.Start();
        await TestRedis.EventuallyAsync(() => redis.PingAsync(default), "Redis reachable through the proxy again");
        (await limiter.CheckAsync(new RateLimitRequest("acc", 3, 20, Start.AddSeconds(10), 2, Window), default)).ShouldBe(RateLimitDecision.Allowed);

        redis.State.ShouldBe(RedisState.Available);
        (await TestRedis.KeysAsync(prefix)).ShouldContain(k => k.Contains("rl:acc:3:", StringComparison.Ordinal), "decisions are made in Redis again");
        logs.Entries.ShouldContain(e => e.Level == LogLevel.Information && e.Message.Contains("reachable again", StringComparison.Ordinal));
        logs.Entries.Count(e => e.Level == LogLevel.Warning).ShouldBe(1);
    }

    [Fact]
    public async Task CheckAsync_RedisNotConfigured_DecidesInProcess()
    {
        await using var redis = TestRedis.Connect(TestRedis.NewPrefix(), configuration: "");
        var limiter = new RedisContactRateLimiter(redis, new InMemoryContactRateLimiter());

        (await limiter.CheckAsync(new RateLimitRequest("acc", 1, 1, Start, 1, Window), default)).ShouldBe(RateLimitDecision.Allowed);
        (await limiter.CheckAsync(new RateLimitRequest("acc", 1, 2, Start, 1, Window), default)).ShouldBe(RateLimitDecision.LimitedNotify);
        redis.State.ShouldBe(RedisState.NotConfigured);
    }

    private static async Task<RedisContactRateLimiter> ConnectedLimiterAsync(RedisConnection redis)
    {
        await TestRedis.EventuallyAsync(() => redis.PingAsync(default), "Redis connected");
        return new RedisContactRateLimiter(redis, new InMemoryContactRateLimiter());
    }
}
