namespace Parley.Booking.Model;

/// <summary>A booking operation's outcome: the booking as it is now, or why nothing changed.</summary>
public sealed record BookingResult(Booking? Booking, BookingError? Error)
{
    public bool Ok => Error is null;

    public static BookingResult Success(Booking booking) => new(booking, null);

    public static BookingResult Refused(string code, string message, int status, string? field = null) => new(null, new BookingError(code, message, status, field));
}
