namespace Parley.Clinic.Notifications;

public static class NotificationState
{
    public const string Scheduled = "scheduled";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> All { get; } = [Scheduled, Sending, Sent, Failed, Cancelled];
}
