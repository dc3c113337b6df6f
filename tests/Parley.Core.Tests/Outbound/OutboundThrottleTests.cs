using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Outbound;

namespace Parley.Core.Tests.Outbound;

public sealed class OutboundThrottleTests
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private static Account Meta(params (string Key, string Value)[] settings) =>
        new("m1", Providers.Meta) { Settings = settings.ToDictionary(s => s.Key, s => s.Value) };

    [Fact]
    public void Acquire_PerAccountRate_WaitsOnceTheBurstIsSpent()
    {
        var throttle = new OutboundThrottle(Options.Create(new OutboundOptions { MessagesPerSecond = 5 }), _clock);
        var account = Meta();

        for (var i = 0; i < 5; i++)
        {
            throttle.Acquire(account, $"recipient{i}").ShouldBe(TimeSpan.Zero);
        }

        var wait = throttle.Acquire(account, "recipient9");
        wait.ShouldBeInRange(TimeSpan.FromMilliseconds(199), TimeSpan.FromMilliseconds(201));
        _clock.Advance(wait);
        throttle.Acquire(account, "recipient9").ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Acquire_PairRate_LimitsOneRecipientButNotOthers()
    {
        var throttle = new OutboundThrottle(Options.Create(new OutboundOptions { PairBurst = 2 }), _clock);
        var account = Meta();

        throttle.Acquire(account, "ana").ShouldBe(TimeSpan.Zero);
        throttle.Acquire(account, "ana").ShouldBe(TimeSpan.Zero);
        throttle.Acquire(account, "ana").ShouldBe(TimeSpan.FromSeconds(6));
        throttle.Acquire(account, "bob").ShouldBe(TimeSpan.Zero);

        _clock.Advance(TimeSpan.FromSeconds(6));
        throttle.Acquire(account, "ana").ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Acquire_AccountSettingsOverrideDefaults_AndSandboxHasNoPairRate()
    {
        var throttle = new OutboundThrottle(Options.Create(new OutboundOptions { PairBurst = 1 }), _clock);
        var hourly = Meta(("Outbound:MessagesPerHour", "2"), ("Outbound:PairInterval", "00:00:00"));

        throttle.Acquire(hourly, "a").ShouldBe(TimeSpan.Zero);
        throttle.Acquire(hourly, "a").ShouldBe(TimeSpan.Zero);
        throttle.Acquire(hourly, "a").ShouldBe(TimeSpan.FromMinutes(30));

        var sandbox = new Account("sbx", Providers.Sandbox);
        for (var i = 0; i < 20; i++)
        {
            throttle.Acquire(sandbox, "ana").ShouldBe(TimeSpan.Zero);
        }
    }
}
