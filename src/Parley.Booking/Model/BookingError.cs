namespace Parley.Booking.Model;

/// <summary>Why a booking operation was refused, with what to do; <see cref="Status"/> is the HTTP status the API answers.</summary>
public sealed record BookingError(string Code, string Message, int Status, string? Field = null)
{
    public const string SlotNotFound = "slot_not_found";
    public const string SlotFull = "slot_full";
    public const string SlotClosed = "slot_closed";
    public const string SlotPast = "slot_past";
    public const string PartySize = "party_size";
    public const string NotFound = "booking_not_found";
    public const string HoldExpired = "hold_expired";
    public const string NotPending = "not_pending";
    public const string CancelDeadline = "cancellation_deadline_passed";
    public const string Final = "booking_final";
    public const string ActivityInactive = "activity_inactive";
}
