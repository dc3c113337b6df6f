namespace Parley.Clinic.Notifications;

/// <summary>What one pass of the reminders did.</summary>
public sealed record ReminderRunResult(int Planned, int Sent);
