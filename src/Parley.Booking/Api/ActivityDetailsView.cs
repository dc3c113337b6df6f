namespace Parley.Booking.Api;

/// <summary>An activity with its images and its next slots (with availability).</summary>
public sealed record ActivityDetailsView(ActivityView Activity, IReadOnlyList<ActivityImageView> Images, IReadOnlyList<SlotView> UpcomingSlots);
