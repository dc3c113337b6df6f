using System.Globalization;
using System.Text;
using Parley.Booking.Model;
using Parley.Core.Contacts;

namespace Parley.Booking.Api;

/// <summary>Reading the booking API's query values: days in the resort's zone, phone numbers, paging cursors, days of the week, times.</summary>
public static class BookingApiInput
{
    public static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>Midnight at the start of <paramref name="day"/> in <paramref name="zone"/>.</summary>
    public static DateTimeOffset Start(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateOnly Today(TimeProvider time, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);

    public static bool TryPhone(string? text, out string e164)
    {
        e164 = "";
        if (string.IsNullOrWhiteSpace(text) || !PhoneNumber.TryParse(text, null, out var phone))
        {
            return false;
        }

        e164 = phone.ToE164();
        return true;
    }

    public static string Cursor(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("o:" + offset.ToString(CultureInfo.InvariantCulture))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryCursor(string? cursor, out int offset)
    {
        offset = 0;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            return text.StartsWith("o:", StringComparison.Ordinal)
                && int.TryParse(text[2..], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static bool TryTimes(IEnumerable<string>? values, out List<TimeOnly> times, out string? bad)
    {
        times = [];
        bad = null;
        foreach (var value in (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!SlotTimes.TryTime(value, out var t))
            {
                bad = value;
                return false;
            }

            times.Add(t);
        }

        times = times.Distinct().Order().ToList();
        return true;
    }

    public static bool TryDays(IEnumerable<string>? values, out List<DayOfWeek> days, out string? bad)
    {
        days = [];
        bad = null;
        foreach (var value in (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var day = SlotTimes.Day(value);
            if (day is null)
            {
                bad = value;
                return false;
            }

            days.Add(day.Value);
        }

        days = days.Distinct().ToList();
        return true;
    }

    /// <summary>A slot plan from the request's parts, or the field that is wrong and why.</summary>
    public static (SlotPlan? Plan, string? Field, string? Error) Plan(long activityId, string? from, string? to, IEnumerable<string>? times, IEnumerable<string>? days, int? capacity)
    {
        if (!TryDay(from, out var first))
        {
            return (null, "from", "'from' must be a day like 2026-01-12 (in the resort's time zone).");
        }

        if (!TryDay(to, out var last))
        {
            return (null, "to", "'to' must be a day like 2026-01-31 (in the resort's time zone).");
        }

        if (last < first)
        {
            return (null, "to", "'to' is before 'from'.");
        }

        if (!TryTimes(times, out var parsedTimes, out var badTime))
        {
            return (null, "times", $"'{badTime}' is not a time of day like 09:00.");
        }

        if (parsedTimes.Count == 0)
        {
            return (null, "times", "Give at least one time of day, like 09:00.");
        }

        if (!TryDays(days, out var parsedDays, out var badDay))
        {
            return (null, "days", $"'{badDay}' is not a day of the week (mon, tue, wed, thu, fri, sat, sun).");
        }

        if (capacity is <= 0)
        {
            return (null, "capacity", "Capacity must be at least 1.");
        }

        return (new SlotPlan(activityId, first, last, parsedTimes) { Days = parsedDays, Capacity = capacity }, null, null);
    }
}
