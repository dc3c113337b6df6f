using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Outbound;

namespace Parley.Core.Tests.Outbound;

public sealed class OutboundThrottleTests
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private static Account Meta(params (string Key, string Value)[] settings) =>
        new("m1", "meta") { Settings = settings.ToDictionary(s => s.Key, s => s.Value) };

    [Fact]
    public void Acquire_PerAccountRate_WaitsOnceTheBurstIsSpent()
    {
        var throttle = new OutboundThrottle(Options.Create(new OutboundOptions { MessagesPerSecond = 5 }), _clock);
        var account = Meta();

        for (var i = 0; i < 5; i++)
        {
            throttle.Acquire(account, $"recipient{i}", ChannelCapabilities.WhatsApp).ShouldBe(TimeSpan.Zero);
        }

        var wait = throttle.Acquire(account, "recipient9", ChannelCapabilities.WhatsApp);
        wait.ShouldBeInRange(TimeSpan.FromMilliseconds(199), TimeSpan.FromMilliseconds(201));
        _clock.Advance(wait);
        throttle.Acquire(account, "recipient9", ChannelCapabilities.WhatsApp).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Acquire_PairRate_LimitsOneRecipientButNotOthers()
    {
        var throttle = new OutboundThrottle(Options.Create(new OutboundOptions { PairBurst = 2 }), _clock);
        var account = Meta();

        throttle.Acquire(account, "ana", ChannelCapabilities.WhatsApp).ShouldBe(TimeSpan.Zero);
        throttle.Acquire(account, "ana", ChannelCapabilities.WhatsApp).ShouldBe(TimeSpan.Zero);
        throttle.Acquire(account, "ana", ChannelCapabilities.WhatsApp).ShouldBe(TimeSpan.FromSeconds(6));
        throttle.Acquire(account, "bob", ChannelCapabilities.WhatsApp).ShouldBe(TimeSpan.Zero);

        _clock.Advance(TimeSpan.FromSeconds(6));
        throttle.Acquire(account, "ana", ChannelCapabilities.WhatsApp).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Acquire_AccountSettingsOverrideDefaults_AndAChannelWithoutPairRateHasNone()
    {
        var throttle = new OutboundThrottle(Options.Create(new OutboundOptions { PairBurst = 1 }), _clock);
        var hourly = Meta(("Outbound:MessagesPerHour", "2"), ("Outbound:PairInterval", "00:00:00"));

        throttle.Acquire(hourly, "a", ChannelCapabilities.WhatsApp).ShouldBe(TimeSpan.Zero);
        throttle.Acquire(hourly, "a", ChannelCapabilities.WhatsApp).ShouldBe(TimeSpan.Zero);
        throttle.Acquire(hourly, "a", ChannelCapabilities.WhatsApp).ShouldBe(TimeSpan.FromMinutes(30));

        // A channel without a pair rate (the sandbox's) is limited per account only.
        var unpaired = ChannelCapabilities.WhatsApp with { PairRateLimited = false };
        var sandbox = new Account("sbx", "sandbox");
        for (var i = 0; i < 20; i++)
        {
            throttle.Acquire(sandbox, "ana", unpaired).ShouldBe(TimeSpan.Zero);
        }
    }
}
