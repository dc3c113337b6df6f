namespace Parley.Booking.Api;

/// <summary>An operator holds seats for a guest (at the front desk, on the phone): a pending booking the guest confirms, or the operator.</summary>
/// <param name="Phone">The guest's number in international form, <c>+15550001111</c>.</param>
/// <param name="Language"><c>en</c> or <c>es</c>: the language of the guest's WhatsApp notices (default: the guest's own, else English).</param>
public sealed record CreateBookingRequest(string? Phone, long? SlotId, int? PartySize, string? GuestName = null, string? Language = null);
