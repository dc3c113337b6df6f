using Parley.Core.Observability;

namespace Parley.Core.Tests.Observability;

public sealed class LogThrottleTests
{
    [Fact]
    public void ShouldLog_AFlood_LogsOncePerMinutePerKey_AndCountsTheRest()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var throttle = new LogThrottle(time);

        throttle.ShouldLog("a", out var first).ShouldBeTrue();
        first.ShouldBe(0);
        Enumerable.Range(0, 999).Count(_ => throttle.ShouldLog("a", out long _)).ShouldBe(0);
        throttle.ShouldLog("b", out _).ShouldBeTrue("another key has its own window");

        time.Advance(LogThrottle.Interval);
        throttle.ShouldLog("a", out var suppressed).ShouldBeTrue();
        suppressed.ShouldBe(999);
    }
}
