namespace Parley.Booking.Admin;

/// <summary>What a slot generator form would create: the start times, how many of them are new, or why it may not run.</summary>
public sealed record SlotGeneratorPreview(IReadOnlyList<DateTimeOffset> Starts, int New, string? Error)
{
    public bool Ok => Error is null;

    /// <summary>Slots of the plan that exist already (left as they are).</summary>
    public int Existing => Starts.Count - New;
}
