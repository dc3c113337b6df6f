namespace Parley.Booking.Model;

/// <summary>What a slot plan makes (or would make, in a preview): the start times, how many already existed, or why not.</summary>
public sealed record SlotPlanResult(IReadOnlyList<DateTimeOffset> Starts, int Created, int AlreadyThere, string? Error)
{
    public bool Ok => Error is null;
}
