using System.Globalization;
using Parley.Clinic.Appointments;

namespace Parley.Clinic.Conversation;

/// <summary>How appointments and times read in messages ("🏥 Dr. Smith - Cardiology / 📅 Tomorrow, 2:00 PM / 📍 Room 205, Main Building").</summary>
public static class ClinicFormat
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-ES");

    public static bool IsSpanish(string language) => language.StartsWith("es", StringComparison.OrdinalIgnoreCase);

    /// <summary>"Today, 2:00 PM", "Tomorrow, 2:00 PM", "Mon, Jan 12, 2:00 PM" in <paramref name="zone"/> (Spanish: "Mañana, 14:00").</summary>
    public static string When(DateTimeOffset at, TimeZoneInfo zone, DateTimeOffset now, string language)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        var es = IsSpanish(language);
        var culture = es ? Spanish : English;
        var time = local.ToString(es ? "HH:mm" : "h:mm tt", culture);
        var day = (local.Date - today).Days switch
        {
            0 => es ? "Hoy" : "Today",
            1 => es ? "Mañana" : "Tomorrow",
            _ => local.ToString(es ? "ddd d MMM" : "ddd, MMM d", culture),
        };
        return $"{day}, {time}";
    }

    public static string Where(Appointment a, string language)
    {
        var room = string.IsNullOrWhiteSpace(a.Room) ? null : (IsSpanish(language) ? "Sala " : "Room ") + a.Room.Trim();
        var parts = new[] { room, a.Building?.Trim() }.Where(p => !string.IsNullOrEmpty(p)).ToList();
        return parts.Count == 0 ? (IsSpanish(language) ? "Por confirmar" : "To be confirmed") : string.Join(", ", parts);
    }

    public static string Doctor(Appointment a) =>
        string.IsNullOrWhiteSpace(a.Specialty) ? a.DoctorName : $"{a.DoctorName} - {a.Specialty}";

    public static string Block(Appointment a, TimeZoneInfo zone, DateTimeOffset now, string language) =>
        $"🏥 {Doctor(a)}\n📅 {When(a.StartsAt, zone, now, language)}\n📍 {Where(a, language)}";
}
