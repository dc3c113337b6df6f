namespace Parley.Booking.Model;

/// <summary>Who changed a booking: the guest, an operator (by name) or the system (jobs).</summary>
public static class BookingActor
{
    public const string Guest = "guest";
    public const string System = "system";

    /// <summary><c>operator:NAME</c>.</summary>
    public static string Operator(string name) => "operator:" + name;
}
