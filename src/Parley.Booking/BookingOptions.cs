using System.ComponentModel.DataAnnotations;

namespace Parley.Booking;

/// <summary>The resort booking module (<c>Parley:Booking</c>).</summary>
public sealed class BookingOptions : IValidatableObject
{
    public const string SectionName = "Parley:Booking";

    /// <summary>Where guests confirm and manage bookings. Empty: Parley's own <c>/book</c> on <c>Parley:PublicBaseUrl</c>.</summary>
    public string? WebAppUrl { get; set; }

    /// <summary>How long a pending booking holds its seats before it expires (30 minutes).</summary>
    public TimeSpan PendingTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A confirmed booking can be cancelled by the guest until this long before the activity starts (24 hours).</summary>
    public TimeSpan CancellationDeadline { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The resort's time zone (IANA or Windows id): slot times are shown and generated in it. Empty: UTC.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The account bookings made on the web are confirmed through (WhatsApp messages to the guest).</summary>
    [Required(AllowEmptyStrings = false)]
    public string Account { get; set; } = "resort";

    /// <summary>Loads the demo resort (activities, images, two weeks of slots) into an empty booking module at start.</summary>
    public bool Demo { get; set; } = true;

    /// <summary>Template sent as the booking confirmation when the guest's 24-hour window is closed (body parameters: reference, activity, time).</summary>
    public string? ConfirmationTemplate { get; set; }

    /// <summary>Template for the reminder the day before, outside the 24-hour window (body parameters: reference, activity, time).</summary>
    public string? ReminderTemplate { get; set; }

    /// <summary>How long before the activity the reminder goes (the day before: 24 hours). Zero turns reminders off.</summary>
    public TimeSpan ReminderBefore { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the jobs (expiry, completion, reminders) look for work; expiry happens within this of the deadline.</summary>
    public TimeSpan JobInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How far ahead browsing counts free seats ("12 seats free in 5 sessions" on the web app, the bot and the API):
    /// guests book the coming days, and the count stays one short index read however many slots lie beyond.
    /// </summary>
    public TimeSpan AvailabilityHorizon { get; set; } = TimeSpan.FromDays(14);

    /// <summary>The slot generator refuses to create more than this many slots at once (a preview shows the count first).</summary>
    [Range(1, 100_000)]
    public int MaxGeneratedSlots { get; set; } = 500;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PendingTimeout <= TimeSpan.Zero || PendingTimeout > TimeSpan.FromDays(7))
        {
            yield return new($"{SectionName}:PendingTimeout must be between 00:00:01 and 7.00:00:00 (it is {PendingTimeout}).", [nameof(PendingTimeout)]);
        }

        if (CancellationDeadline < TimeSpan.Zero)
        {
            yield return new($"{SectionName}:CancellationDeadline must not be negative (it is {CancellationDeadline}).", [nameof(CancellationDeadline)]);
        }

        if (AvailabilityHorizon < TimeSpan.FromDays(1) || AvailabilityHorizon > TimeSpan.FromDays(366))
        {
            yield return new ValidationResult("Parley:Booking:AvailabilityHorizon must be between 1 day and 366 days.", [nameof(AvailabilityHorizon)]);
        }

        if (JobInterval < TimeSpan.FromMilliseconds(10) || JobInterval > TimeSpan.FromMinutes(1))
        {
            yield return new($"{SectionName}:JobInterval must be between 00:00:00.010 and 00:01:00 so holds expire within a minute (it is {JobInterval}).", [nameof(JobInterval)]);
        }

        if (!string.IsNullOrWhiteSpace(TimeZone) && !TryZone(TimeZone, out _))
        {
            yield return new($"{SectionName}:TimeZone '{TimeZone}' is not a time zone this machine knows (use an IANA id such as America/Cancun).", [nameof(TimeZone)]);
        }

        if (!string.IsNullOrWhiteSpace(WebAppUrl) && !Uri.TryCreate(WebAppUrl, UriKind.Absolute, out _))
        {
            yield return new($"{SectionName}:WebAppUrl must be an absolute URL such as https://resort.example.com/book (it is '{WebAppUrl}').", [nameof(WebAppUrl)]);
        }
    }

    /// <summary>The resort's time zone (UTC when unset).</summary>
    public TimeZoneInfo Zone() => !string.IsNullOrWhiteSpace(TimeZone) && TryZone(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    private static bool TryZone(string id, out TimeZoneInfo zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }
    }
}
