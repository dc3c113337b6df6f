namespace Parley.Booking.Model;

/// <summary>
/// Recurring slots to create: on the given days of the week, at the given local times, from one date to another
/// (inclusive), in the resort's time zone.
/// </summary>
public sealed record SlotPlan(long ActivityId, DateOnly From, DateOnly To, IReadOnlyList<TimeOnly> Times)
{
    /// <summary>Days of the week; empty means every day.</summary>
    public IReadOnlyList<DayOfWeek> Days { get; init; } = [];

    /// <summary>Seats per slot; null: the activity's default capacity.</summary>
    public int? Capacity { get; init; }
}
