using System.Globalization;
using System.Text.RegularExpressions;

namespace Parley.Clinic.Conversation;

/// <summary>
/// Reads the parts of "schedule appointment +15550100001 with Dr. Smith tomorrow 10:00 room 205, Main Building":
/// a phone, the doctor or specialty after "with"/"con", a date and time (ISO, or today/tomorrow/hoy/mañana with a time),
/// a room after "room"/"sala" (and a building after a comma).
/// </summary>
public static partial class ScheduleDetails
{
    [GeneratedRegex(@"\+?\d[\d\s().-]{6,}\d")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"(\d{4}-\d{2}-\d{2})(?:[ T]+(?:at\s+|a las\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm)?)?", RegexOptions.IgnoreCase)]
    private static partial Regex IsoDatePattern();

    [GeneratedRegex(@"\b(today|tomorrow|hoy|mañana|manana)\b(?:\s+(?:at|a las|a la))?\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm)?", RegexOptions.IgnoreCase)]
    private static partial Regex RelativeDatePattern();

    [GeneratedRegex(@"^\s*(?:at\s+|a las\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TimeOnlyPattern();

    [GeneratedRegex(@"\b(?:room|sala)\s+([A-Za-z0-9-]+)(?:\s*,\s*([^,\n]+?))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex RoomPattern();

    [GeneratedRegex(@"\b(?:with|con)\s+(.+?)(?=\s+(?:on|at|el|a las|room|sala|today|tomorrow|hoy|mañana|manana)\b|\s+\d{4}-|\s*$)", RegexOptions.IgnoreCase)]
    private static partial Regex DoctorPattern();

    public static string? Phone(string text) => PhonePattern().Match(text) is { Success: true } m ? m.Value : null;

    public static string? Doctor(string text) => DoctorPattern().Match(text) is { Success: true } m ? m.Groups[1].Value.Trim() : null;

    public static (string Room, string? Building)? Room(string text) =>
        RoomPattern().Match(text) is { Success: true } m ? (m.Groups[1].Value, m.Groups[2].Success ? m.Groups[2].Value.Trim() : null) : null;

    /// <summary>The moment named in the text, in <paramref name="zone"/>; null when there is none.</summary>
    public static DateTimeOffset? When(string text, TimeZoneInfo zone, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        if (IsoDatePattern().Match(text) is { Success: true } iso && iso.Groups[2].Success
            && DateOnly.TryParseExact(iso.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return At(date, iso.Groups[2].Value, iso.Groups[3].Value, iso.Groups[4].Value, zone);
        }

        if (RelativeDatePattern().Match(text) is { Success: true } rel)
        {
            var day = rel.Groups[1].Value.ToLowerInvariant() is "today" or "hoy" ? today : today.AddDays(1);
            return At(day, rel.Groups[2].Value, rel.Groups[3].Value, rel.Groups[4].Value, zone);
        }

        return null;
    }

    /// <summary>A bare time ("10:30", "3pm") on the day of <paramref name="day"/>.</summary>
    public static DateTimeOffset? TimeOn(string text, DateOnly day, TimeZoneInfo zone) =>
        TimeOnlyPattern().Match(text) is { Success: true } m ? At(day, m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, zone) : null;

    private static DateTimeOffset? At(DateOnly day, string hourText, string minuteText, string ampm, TimeZoneInfo zone)
    {
        var hour = int.Parse(hourText, CultureInfo.InvariantCulture);
        var minute = minuteText.Length > 0 ? int.Parse(minuteText, CultureInfo.InvariantCulture) : 0;
        if (ampm.Length > 0)
        {
            if (hour is < 1 or > 12)
            {
                return null;
            }

            hour = (hour % 12) + (ampm.Equals("pm", StringComparison.OrdinalIgnoreCase) ? 12 : 0);
        }

        if (hour > 23 || minute > 59)
        {
            return null;
        }

        var local = day.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Unspecified);
        return zone.IsInvalidTime(local) ? null : new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
