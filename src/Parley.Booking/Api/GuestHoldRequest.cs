namespace Parley.Booking.Api;

/// <summary>A signed-in guest holds seats: the booking is pending until confirmed, before <c>holdExpiresAt</c>.</summary>
public sealed record GuestHoldRequest(long? SlotId, int? PartySize);
