using System.Globalization;

namespace Parley.Booking.Model;

/// <summary>
/// How operators write the parts of a slot plan, read the same way by the API, the admin's generator and the resort
/// import: times of day as <c>09:00</c> or <c>9:00</c>; days by their English or Spanish name or its first three
/// letters (<c>mon</c>, <c>monday</c>, <c>lun</c>, <c>lunes</c>).
/// </summary>
public static class SlotTimes
{
    public static bool TryTime(string value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static DayOfWeek? Day(string value)
    {
        var d = value.Trim().ToLowerInvariant();
        return d[..Math.Min(3, d.Length)] switch
        {
            "mon" or "lun" => DayOfWeek.Monday,
            "tue" or "mar" => DayOfWeek.Tuesday,
            "wed" or "mie" or "mié" => DayOfWeek.Wednesday,
            "thu" or "jue" => DayOfWeek.Thursday,
            "fri" or "vie" => DayOfWeek.Friday,
            "sat" or "sab" or "sáb" => DayOfWeek.Saturday,
            "sun" or "dom" => DayOfWeek.Sunday,
            _ => null,
        };
    }
}
