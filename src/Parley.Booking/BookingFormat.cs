using System.Globalization;
using Microsoft.Extensions.Options;

namespace Parley.Booking;

/// <summary>Times in the resort's time zone and prices, as guests read them in their language.</summary>
public sealed class BookingFormat(IOptions<BookingOptions> options)
{
    public static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(language == "es" ? "es-MX" : "en-US");

    public DateTimeOffset Local(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, options.Value.Zone());

    /// <summary><c>Tue 9 Dec 09:00</c> / <c>mar 9 dic 09:00</c>.</summary>
    public string When(DateTimeOffset utc, string language) =>
        Local(utc).ToString(language == "es" ? "ddd d MMM HH:mm" : "ddd d MMM HH:mm", Culture(language)).Replace(".", "", StringComparison.Ordinal);

    /// <summary><c>14:32</c> (with the day when it is not today in the resort).</summary>
    public string Time(DateTimeOffset utc, DateTimeOffset now, string language) =>
        Local(utc).Date == Local(now).Date ? Local(utc).ToString("HH:mm", Culture(language)) : When(utc, language);

    public static string Money(long cents, string currency, string language) =>
        $"{currency} {(cents / 100m).ToString(cents % 100 == 0 ? "#,0" : "#,0.00", Culture(language))}";

    public static string Duration(int minutes, string language) =>
        minutes % 60 == 0 ? $"{minutes / 60} h" : minutes > 60 ? $"{minutes / 60} h {minutes % 60} min" : $"{minutes} min";

    /// <summary>A string cut to <paramref name="max"/> characters (with an ellipsis), for WhatsApp's list and button limits.</summary>
    public static string Fit(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
}
