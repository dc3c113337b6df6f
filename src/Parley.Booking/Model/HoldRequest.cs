namespace Parley.Booking.Model;

/// <summary>A guest asks to hold seats in a slot (the booking is pending until confirmed on the web).</summary>
/// <param name="Phone">The guest's number in E.164 (<c>+15550001111</c>).</param>
public sealed record HoldRequest(string Phone, long SlotId, int PartySize)
{
    public string? GuestName { get; init; }
    public string? AccountId { get; init; }
    public string Language { get; init; } = "en";
    public string Actor { get; init; } = BookingActor.Guest;
}
