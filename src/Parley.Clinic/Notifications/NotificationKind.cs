namespace Parley.Clinic.Notifications;

public static class NotificationKind
{
    public const string AppointmentReminder = "appointment_reminder";
    public const string MedicationAlert = "medication_alert";
    public const string AppointmentNotice = "appointment_notice";
}
