using System.ComponentModel.DataAnnotations;

namespace Parley.Clinic;

/// <summary>The CARE clinic module's settings (<c>Parley:Clinic</c>); see docs/clinic.md.</summary>
public sealed class ClinicOptions : IValidatableObject
{
    public const string SectionName = "Parley:Clinic";

    /// <summary>The account that sends reminders and notices (the sandbox's <c>clinic</c> account by default).</summary>
    [Required]
    public string Account { get; set; } = "clinic";

    /// <summary>How long a chat sign-in lasts.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The clinic's IANA time zone: clinic hours, staff views, patients without a zone of their own.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary><c>en</c> or <c>es</c>: replies before the person's language is known.</summary>
    [Required]
    public string Language { get; set; } = "en";

    public TimeOnly OpensAt { get; set; } = new(8, 0);

    public TimeOnly ClosesAt { get; set; } = new(18, 0);

    /// <summary>Days the clinic opens; empty: Monday to Friday. (Empty rather than pre-filled: configuration binding appends to a filled list.)</summary>
    public List<DayOfWeek> OpenDays { get; set; } = [];

    /// <summary>Length of an appointment booked over chat when none is given.</summary>
    [Range(5, 480)]
    public int DefaultAppointmentMinutes { get; set; } = 30;

    /// <summary>How long before an appointment its reminders go out; empty: 24 hours and 2 hours.</summary>
    public List<TimeSpan> ReminderOffsets { get; set; } = [];

    public IReadOnlyList<DayOfWeek> EffectiveOpenDays => OpenDays.Count > 0
        ? OpenDays
        : [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public IReadOnlyList<TimeSpan> EffectiveReminderOffsets => ReminderOffsets.Count > 0
        ? ReminderOffsets
        : [TimeSpan.FromHours(24), TimeSpan.FromHours(2)];

    /// <summary>How often each instance looks for reminders to plan and send.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Reminders and alerts run in the background (off: only <c>clinic reminders run</c>).</summary>
    public bool RemindersEnabled { get; set; } = true;

    /// <summary>UTILITY template for an appointment reminder outside the 24-hour window: {{1}} doctor, {{2}} when, {{3}} where; Confirm / Cancel quick replies.</summary>
    [Required]
    public string ReminderTemplate { get; set; } = "clinic_appointment_reminder";

    /// <summary>UTILITY template for a medication alert outside the 24-hour window: {{1}} medication, {{2}} dose.</summary>
    [Required]
    public string MedicationTemplate { get; set; } = "clinic_medication_alert";

    /// <summary>UTILITY template for the notice of a new appointment outside the 24-hour window: {{1}} doctor, {{2}} when, {{3}} where.</summary>
    [Required]
    public string AppointmentNoticeTemplate { get; set; } = "clinic_appointment_notice";

    [Required]
    public string TemplateLanguage { get; set; } = "en";

    /// <summary>Load the fictional demo clinic on first start (when the clinic has no patients yet).</summary>
    public bool DemoData { get; set; } = true;

    /// <summary>
    /// Outgoing webhooks carry the text of the clinic account's messages (off by default: they go out as
    /// <c>[redacted]</c>, since what patients type may be clinical).
    /// </summary>
    public bool ClinicalContentInWebhooks { get; set; }

    /// <summary>Reminders and alerts that were sent, cancelled or given up on are deleted this long after they were due.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan NotificationRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The analytics' usage counts (sign-ins, commands by role; no content) are kept this long.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan UsageRetention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>
    /// The access audit (who read which patient's data) is kept this long: six years by default, the retention US
    /// HIPAA asks of required documentation. It holds no clinical data, only who, whom, what and when.
    /// </summary>
    [Range(typeof(TimeSpan), "30.00:00:00", "7300.00:00:00")]
    public TimeSpan AuditRetention { get; set; } = TimeSpan.FromDays(6 * 365);

    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"{SectionName}:TimeZone '{TimeZone}' is not a known time zone (use an IANA name such as Europe/Madrid).", [nameof(TimeZone)]);
        }

        if (ClosesAt <= OpensAt)
        {
            yield return new ValidationResult($"{SectionName}:ClosesAt must be later than {SectionName}:OpensAt.", [nameof(ClosesAt)]);
        }

        if (ReminderOffsets.Any(o => o <= TimeSpan.Zero || o > TimeSpan.FromDays(14)))
        {
            yield return new ValidationResult($"{SectionName}:ReminderOffsets must be between 0 and 14 days before the appointment.", [nameof(ReminderOffsets)]);
        }

        if (Language is not ("en" or "es"))
        {
            yield return new ValidationResult($"{SectionName}:Language must be 'en' or 'es'.", [nameof(Language)]);
        }
    }
}
