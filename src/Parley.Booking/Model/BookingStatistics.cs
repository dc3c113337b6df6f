namespace Parley.Booking.Model;

/// <summary>The dashboard's figures: occupancy of the next 7 days, pending holds, hold-to-confirmed rate and expirations (last 30 days).</summary>
public sealed record BookingStatistics(int SeatsNext7Days, int SeatsTakenNext7Days, int PendingHolds, int Confirmed30Days, int Expired30Days, int Cancelled30Days, int Holds30Days)
{
    public double Occupancy => SeatsNext7Days == 0 ? 0 : (double)SeatsTakenNext7Days / SeatsNext7Days;

    /// <summary>Of the holds made in the last 30 days, the share that was confirmed.</summary>
    public double HoldToConfirmedRate => Holds30Days == 0 ? 0 : (double)Confirmed30Days / Holds30Days;
}
