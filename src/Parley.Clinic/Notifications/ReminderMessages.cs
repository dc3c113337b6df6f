using System.Globalization;
using Parley.Clinic.Appointments;
using Parley.Clinic.Conversation;
using Parley.Clinic.Patients;
using Parley.Core.Messaging;

namespace Parley.Clinic.Notifications;

/// <summary>
/// The messages of reminders, alerts and notices: interactive (with Confirm / Cancel buttons) inside WhatsApp's 24-hour
/// window, the UTILITY template named in the settings outside it.
/// </summary>
public static class ReminderMessages
{
    public const string ConfirmPrefix = "clinic:confirm:";
    public const string CancelPrefix = "clinic:cancel:";

    public static MessageContent Reminder(Appointment a, TimeZoneInfo zone, DateTimeOffset now, string language)
    {
        var es = ClinicFormat.IsSpanish(language);
        return new MessageContent
        {
            Type = MessageTypes.Interactive,
            Text = (es ? "⏰ Recordatorio de tu cita:\n\n" : "⏰ Appointment reminder:\n\n") + ClinicFormat.Block(a, zone, now, language),
            Interactive = new InteractiveContent
            {
                Kind = InteractiveContent.ButtonKind,
                Buttons = Buttons(a.Id, es),
            },
        };
    }

    public static MessageContent ReminderTemplate(Appointment a, TimeZoneInfo zone, DateTimeOffset now, ClinicOptions o)
    {
        var when = ClinicFormat.When(a.StartsAt, zone, now, o.TemplateLanguage);
        var where = ClinicFormat.Where(a, o.TemplateLanguage);
        return new MessageContent
        {
            Type = MessageTypes.Template,
            Template = new TemplateContent(o.ReminderTemplate, o.TemplateLanguage)
            {
                BodyParameters = [ClinicFormat.Doctor(a), when, where],
                Buttons =
                [
                    new TemplateButtonParameter(0, "quick_reply", ConfirmPrefix + Id(a.Id)),
                    new TemplateButtonParameter(1, "quick_reply", CancelPrefix + Id(a.Id)),
                ],
                RenderedText = $"⏰ Appointment reminder: {ClinicFormat.Doctor(a)}, {when}, {where}. Reply Confirm or Cancel.",
            },
        };
    }

    public static MessageContent Notice(Appointment a, TimeZoneInfo zone, DateTimeOffset now, string language)
    {
        var es = ClinicFormat.IsSpanish(language);
        return new MessageContent
        {
            Type = MessageTypes.Interactive,
            Text = (es ? "📅 Tienes una nueva cita:\n\n" : "📅 A new appointment was booked for you:\n\n") + ClinicFormat.Block(a, zone, now, language),
            Interactive = new InteractiveContent { Kind = InteractiveContent.ButtonKind, Buttons = Buttons(a.Id, es) },
        };
    }

    public static MessageContent NoticeTemplate(Appointment a, TimeZoneInfo zone, DateTimeOffset now, ClinicOptions o)
    {
        var when = ClinicFormat.When(a.StartsAt, zone, now, o.TemplateLanguage);
        var where = ClinicFormat.Where(a, o.TemplateLanguage);
        return new MessageContent
        {
            Type = MessageTypes.Template,
            Template = new TemplateContent(o.AppointmentNoticeTemplate, o.TemplateLanguage)
            {
                BodyParameters = [ClinicFormat.Doctor(a), when, where],
                Buttons =
                [
                    new TemplateButtonParameter(0, "quick_reply", ConfirmPrefix + Id(a.Id)),
                    new TemplateButtonParameter(1, "quick_reply", CancelPrefix + Id(a.Id)),
                ],
                RenderedText = $"📅 A new appointment was booked for you: {ClinicFormat.Doctor(a)}, {when}, {where}.",
            },
        };
    }

    public static MessageContent MedicationAlert(Medication m, string language) => MessageContent.FromText(
        ClinicFormat.IsSpanish(language)
            ? $"💊 Es hora de tu medicina: {m.Name} ({m.Dose})."
            : $"💊 Time for your medication: {m.Name} ({m.Dose}).");

    public static MessageContent MedicationTemplate(Medication m, ClinicOptions o) => new()
    {
        Type = MessageTypes.Template,
        Template = new TemplateContent(o.MedicationTemplate, o.TemplateLanguage)
        {
            BodyParameters = [m.Name, m.Dose],
            RenderedText = $"💊 Time for your medication: {m.Name} ({m.Dose}).",
        },
    };

    private static ReplyButton[] Buttons(long appointmentId, bool es) =>
    [
        new(ConfirmPrefix + Id(appointmentId), es ? "Confirmar" : "Confirm"),
        new(CancelPrefix + Id(appointmentId), es ? "Cancelar" : "Cancel"),
    ];

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
