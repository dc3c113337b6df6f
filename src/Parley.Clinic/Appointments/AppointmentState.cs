namespace Parley.Clinic.Appointments;

public static class AppointmentState
{
    public const string Scheduled = "scheduled";
    public const string Confirmed = "confirmed";
    public const string Cancelled = "cancelled";
    public const string Completed = "completed";
    public const string NoShow = "no-show";

    public static IReadOnlyList<string> All { get; } = [Scheduled, Confirmed, Cancelled, Completed, NoShow];

    /// <summary>States that hold the doctor and the room.</summary>
    public static bool Occupies(string state) => state is Scheduled or Confirmed;
}
