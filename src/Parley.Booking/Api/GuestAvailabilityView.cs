namespace Parley.Booking.Api;

/// <summary>An activity and its bookable slots (open, not started), soonest first, with the free seats of each.</summary>
public sealed record GuestAvailabilityView(GuestActivityView Activity, IReadOnlyList<SlotView> Slots);
