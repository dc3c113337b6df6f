namespace Parley.Booking.Jobs;

public sealed record BookingJobResult(int Expired, int Completed, int Reminded)
{
    public override string ToString() => $"expired={Expired} completed={Completed} reminded={Reminded}";
}
