namespace Parley.Booking.Tests;

/// <summary>
/// A fake clock for the whole server: real time plus an offset the test moves forward (<see cref="Advance"/>), so "two
/// days later" is one call, while timers and delays keep running in real time and the server's workers keep working.
/// </summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
