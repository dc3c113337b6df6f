namespace Parley.Booking.Api;

/// <summary>Recurring slots of an activity, in the resort's time zone; <see cref="DryRun"/> only says what would be made.</summary>
/// <param name="From">The first day, <c>2026-01-12</c>.</param>
/// <param name="To">The last day (inclusive).</param>
/// <param name="Times">Local start times, <c>["09:00", "15:00"]</c>.</param>
/// <param name="Days">Days of the week (<c>mon</c> … <c>sun</c>); empty or absent: every day.</param>
/// <param name="Capacity">Seats per slot; absent: the activity's default capacity.</param>
public sealed record GenerateSlotsRequest(string? From, string? To, IReadOnlyList<string>? Times, IReadOnlyList<string>? Days = null, int? Capacity = null, bool DryRun = false);
