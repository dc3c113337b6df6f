using System.Globalization;

namespace Parley.Bots.Engine.Answers;

/// <summary>Turns data source values into text for templates, in the contact's language and the account's time zone.</summary>
public static class ValueFormatter
{
    public static string? Format(object? value, string? format, string language, TimeZoneInfo zone)
    {
        if (value is null)
        {
            return null;
        }

        var culture = Culture(language);
        var spanish = culture.TwoLetterISOLanguageName == "es";
        switch (format?.ToLowerInvariant())
        {
            case "date" or "time" or "datetime":
                if (AsInstant(value) is not { } instant)
                {
                    return Convert.ToString(value, culture);
                }

                var local = TimeZoneInfo.ConvertTime(instant, zone);
                var pattern = (format.ToLowerInvariant(), spanish) switch
                {
                    ("date", true) => "dddd d 'de' MMMM 'de' yyyy",
                    ("time", true) => "HH:mm 'h'",
                    ("datetime", true) => "dddd d 'de' MMMM 'de' yyyy, HH:mm 'h'",
                    ("date", false) => "dddd, MMMM d, yyyy",
                    ("time", false) => "h:mm tt",
                    _ => "dddd, MMMM d, yyyy, h:mm tt",
                };
                return local.ToString(pattern, culture);
            case "upper":
                return Convert.ToString(value, culture)?.ToUpper(culture);
            case "lower":
                return Convert.ToString(value, culture)?.ToLower(culture);
            default:
                return value switch
                {
                    string s => s,
                    DateTimeOffset d => TimeZoneInfo.ConvertTime(d, zone).ToString("g", culture),
                    DateTime d => d.ToString("g", culture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => value.ToString(),
                };
        }
    }

    /// <summary>es → es-MX, en → en-US; any other culture name is used as it is when known.</summary>
    public static CultureInfo Culture(string language)
    {
        var name = language.Replace('_', '-');
        name = name switch
        {
            "es" => "es-MX",
            "en" => "en-US",
            _ => name,
        };
        try
        {
            return CultureInfo.GetCultureInfo(name);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }

    private static DateTimeOffset? AsInstant(object value) => value switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, d.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : d.Kind)),
        long ms => DateTimeOffset.FromUnixTimeMilliseconds(ms),
        int ms => DateTimeOffset.FromUnixTimeMilliseconds(ms),
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms),
        string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) => d,
        _ => null,
    };
}
