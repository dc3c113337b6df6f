namespace Parley.Admin;

/// <summary>Shows times in the configured time zone.</summary>
public sealed class AdminClock(Microsoft.Extensions.Options.IOptions<AdminOptions> options, TimeProvider time)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public string ZoneName => _zone.Id;

    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(time.GetUtcNow(), _zone);

    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, _zone);

    /// <summary>Midnight today in the admin's time zone.</summary>
    public DateTimeOffset StartOfToday
    {
        get
        {
            var now = Now;
            return new DateTimeOffset(now.Date, now.Offset);
        }
    }

    /// <summary>"14:05" today, "Mon 14:05" this week, "2026-11-02 14:05" before.</summary>
    public string Short(DateTimeOffset at)
    {
        var local = Local(at);
        var now = Now;
        var c = System.Globalization.CultureInfo.InvariantCulture;
        if (local.Date == now.Date)
        {
            return local.ToString("HH:mm", c);
        }

        return (now.Date - local.Date).TotalDays < 7 ? local.ToString("ddd HH:mm", c) : local.ToString("yyyy-MM-dd HH:mm", c);
    }

    public string Full(DateTimeOffset at) => Local(at).ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset at) => at.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
