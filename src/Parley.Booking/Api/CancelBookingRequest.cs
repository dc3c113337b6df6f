namespace Parley.Booking.Api;

/// <summary>Why a booking is cancelled (shown to the guest and kept in its history).</summary>
public sealed record CancelBookingRequest(string? Reason = null);
