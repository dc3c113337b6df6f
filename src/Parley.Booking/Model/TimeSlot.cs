namespace Parley.Booking.Model;

/// <summary>One session of an activity. Seats free = capacity − held − confirmed (never negative: the invariant).</summary>
public sealed record TimeSlot(long Id, long ActivityId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity, int Held, int Confirmed, string State)
{
    public int Available => Math.Max(0, Capacity - Held - Confirmed);

    public bool IsOpen => State == SlotState.Open;
}
