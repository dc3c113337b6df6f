using Parley.Core.Bots.Rules.RateLimiting;

namespace Parley.Core.Tests.Bots.Rules.RateLimiting;

public sealed class InMemoryContactRateLimiterTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task CheckAsync_BurstOf25_AllowsTen_NotifiesOnce_SilencesTheRest()
    {
        var limiter = new InMemoryContactRateLimiter();
        var decisions = new List<RateLimitDecision>();

        for (var i = 0; i < 25; i++)
        {
            decisions.Add(await limiter.CheckAsync(new RateLimitRequest("a", 1, i + 1, Start.AddMilliseconds(i * 100), 10, Window), default));
        }

        decisions.Take(10).ShouldAllBe(d => d == RateLimitDecision.Allowed);
        decisions[10].ShouldBe(RateLimitDecision.LimitedNotify);
        decisions.Skip(11).ShouldAllBe(d => d == RateLimitDecision.Limited);
    }

    [Fact]
    public async Task CheckAsync_SlidingWindow_FreesOneSlotWhenTheOldestLeaves()
    {
        var limiter = new InMemoryContactRateLimiter();
        for (var i = 0; i < 3; i++)
        {
            (await limiter.CheckAsync(new RateLimitRequest("a", 1, i + 1, Start.AddSeconds(i * 10), 3, Window), default)).ShouldBe(RateLimitDecision.Allowed);
        }

        (await limiter.CheckAsync(new RateLimitRequest("a", 1, 4, Start.AddSeconds(59), 3, Window), default)).ShouldBe(RateLimitDecision.LimitedNotify);
        (await limiter.CheckAsync(new RateLimitRequest("a", 1, 5, Start.AddSeconds(61), 3, Window), default)).ShouldBe(RateLimitDecision.Allowed);
        (await limiter.CheckAsync(new RateLimitRequest("a", 1, 6, Start.AddSeconds(62), 3, Window), default)).ShouldBe(RateLimitDecision.LimitedNotify);
    }

    [Fact]
    public async Task CheckAsync_SameMessageTwice_GetsTheSameDecision_AndCountsOnce()
    {
        var limiter = new InMemoryContactRateLimiter();
        var first = await limiter.CheckAsync(new RateLimitRequest("a", 1, 1, Start, 1, Window), default);
        var retry = await limiter.CheckAsync(new RateLimitRequest("a", 1, 1, Start.AddSeconds(5), 1, Window), default);
        var next = await limiter.CheckAsync(new RateLimitRequest("a", 1, 2, Start.AddSeconds(6), 1, Window), default);

        first.ShouldBe(RateLimitDecision.Allowed);
        retry.ShouldBe(RateLimitDecision.Allowed);
        next.ShouldBe(RateLimitDecision.LimitedNotify);
    }

    [Fact]
    public async Task CheckAsync_ContactsAndAccounts_AreCountedApart()
    {
        var limiter = new InMemoryContactRateLimiter();
        await limiter.CheckAsync(new RateLimitRequest("a", 1, 1, Start, 1, Window), default);

        (await limiter.CheckAsync(new RateLimitRequest("a", 2, 2, Start, 1, Window), default)).ShouldBe(RateLimitDecision.Allowed);
        (await limiter.CheckAsync(new RateLimitRequest("b", 1, 3, Start, 1, Window), default)).ShouldBe(RateLimitDecision.Allowed);
        (await limiter.CheckAsync(new RateLimitRequest("a", 1, 4, Start, 1, Window), default)).ShouldBe(RateLimitDecision.LimitedNotify);
    }

    [Fact]
    public async Task CheckAsync_ArrivalTimesDecide_SoABacklogProcessedAtOnceIsNotABurst()
    {
        // Messages that arrived a minute apart and are processed together after an outage.
        var limiter = new InMemoryContactRateLimiter();
        for (var i = 0; i < 20; i++)
        {
            (await limiter.CheckAsync(new RateLimitRequest("a", 1, i + 1, Start.AddMinutes(i), 10, Window), default)).ShouldBe(RateLimitDecision.Allowed);
        }
    }

    [Fact]
    public async Task CheckAsync_IdleContacts_AreForgotten()
    {
        var limiter = new InMemoryContactRateLimiter();
        for (var i = 0; i < 1023; i++)
        {
            await limiter.CheckAsync(new RateLimitRequest("a", i, i + 1, Start, 10, Window), default);
        }

        limiter.TrackedContacts.ShouldBe(1023);
        await limiter.CheckAsync(new RateLimitRequest("a", 5000, 5000, Start.AddHours(1), 10, Window), default);

        limiter.TrackedContacts.ShouldBe(1);
    }
}
