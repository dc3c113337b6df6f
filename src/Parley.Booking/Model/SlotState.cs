namespace Parley.Booking.Model;

public static class SlotState
{
    public const string Open = "open";
    public const string Closed = "closed";
}
