namespace Parley.Booking.Api;

/// <summary>A page of bookings; pass <see cref="NextCursor"/> back as <c>cursor</c> for the next (absent on the last page).</summary>
public sealed record BookingPageView(IReadOnlyList<BookingView> Items, string? NextCursor);
