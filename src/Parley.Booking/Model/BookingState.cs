namespace Parley.Booking.Model;

/// <summary>
/// A booking's states: <c>pending</c> → <c>confirmed</c> | <c>expired</c> | <c>cancelled</c>;
/// <c>confirmed</c> → <c>cancelled</c> | <c>completed</c>. Expired, cancelled and completed are final.
/// </summary>
public static class BookingState
{
    public const string Pending = "pending";
    public const string Confirmed = "confirmed";
    public const string Expired = "expired";
    public const string Cancelled = "cancelled";
    public const string Completed = "completed";

    public static IReadOnlyList<string> All { get; } = [Pending, Confirmed, Expired, Cancelled, Completed];

    public static bool IsValid(string? state) => state is not null && All.Contains(state);
}
