using System.Globalization;

namespace Parley.Admin.Shared;

/// <summary>Numbers and durations as the admin shows them.</summary>
public static class Fmt
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string N(long n) => n.ToString("N0", C);

    public static string N(double n) => n.ToString("N0", C);

    public static string Ms(double? ms) => ms switch
    {
        null => "–",
        < 1000 => $"{ms.Value.ToString("N0", C)} ms",
        < 60_000 => $"{(ms.Value / 1000).ToString("0.0", C)} s",
        _ => $"{(ms.Value / 60_000).ToString("0.0", C)} min",
    };

    /// <summary>A duration for an axis: as short as it is exact (<c>200 ms</c>, <c>1.5 s</c>, <c>2 min</c>).</summary>
    public static string Duration(double ms) => ms switch
    {
        < 1000 => $"{ms.ToString("0", C)} ms",
        < 60_000 => $"{(ms / 1000).ToString("0.##", C)} s",
        _ => $"{(ms / 60_000).ToString("0.##", C)} min",
    };

    public static string Percent(double? share) => share is null ? "–" : (share.Value * 100).ToString("0.#", C) + " %";

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{(bytes / 1024.0).ToString("0.#", C)} KB",
        _ => $"{(bytes / 1024.0 / 1024.0).ToString("0.#", C)} MB",
    };

    public static string Id(long id) => id.ToString(C);

    /// <summary>Who sent an outbound message, as the thread and the inbox label it: the bot, an agent, the API, the CLI.</summary>
    public static string Sender(string? source) => source switch
    {
        "bot" => "Bot",
        "agent" => "Agent",
        "api" => "API",
        "cli" => "CLI",
        null or "" => "Business",
        _ => source,
    };

    /// <summary>The contact as a person reads it: name and number, or the number alone.</summary>
    public static string Contact(Parley.Core.Contacts.ContactSummary c) =>
        string.IsNullOrWhiteSpace(c.Name) ? Phone(c) : $"{c.Name} ({Phone(c)})";

    public static string Phone(Parley.Core.Contacts.ContactSummary c) => c.Phone ?? "+" + c.WaId;
}
