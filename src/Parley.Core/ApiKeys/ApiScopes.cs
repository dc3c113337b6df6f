namespace Parley.Core.ApiKeys;

/// <summary>What an API key may do. <c>admin</c> includes every other scope.</summary>
public static class ApiScopes
{
    /// <summary>Every GET of the API: messages, history, conversations, statistics, templates, accounts (without secrets).</summary>
    public const string Read = "read";

    /// <summary><c>POST /api/v1/messages</c>.</summary>
    public const string MessagesSend = "messages:send";

    /// <summary>Changes: accounts, contacts, API keys, outgoing webhooks, replays, takeover.</summary>
    public const string Admin = "admin";

    /// <summary>The clinic module's reads (patients, appointments, notifications, the access audit); every read is audited.</summary>
    public const string ClinicRead = "clinic:read";

    /// <summary>The clinic module's changes: import, booking, cancelling and resending notifications.</summary>
    public const string ClinicWrite = "clinic:write";

    /// <summary>The booking module's reads: activities, slots with availability, bookings, statistics.</summary>
    public const string BookingRead = "booking:read";

    /// <summary>The booking module's changes: activities, slot generation, holds, confirming and cancelling bookings.</summary>
    public const string BookingWrite = "booking:write";

    public static readonly IReadOnlyList<string> All = [Read, MessagesSend, Admin, ClinicRead, ClinicWrite, BookingRead, BookingWrite];

    /// <summary>The scopes a key gets when none are named: reading and sending, not administration.</summary>
    public static readonly IReadOnlyList<string> Default = [Read, MessagesSend];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);

    /// <summary>Whether a key holding <paramref name="granted"/> may use an endpoint that needs <paramref name="required"/>.</summary>
    public static bool Allows(IEnumerable<string> granted, string required) =>
        granted.Any(g => g == required || g == Admin);

    /// <summary>Reads <c>read,messages:send</c> or <c>read messages:send</c>; unknown scopes are reported, not dropped.</summary>
    public static IReadOnlyList<string> Parse(IEnumerable<string> values, out IReadOnlyList<string> unknown)
    {
        var scopes = values
            .SelectMany(v => v.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(s => s.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        unknown = scopes.Where(s => !IsKnown(s)).ToList();
        return scopes.Where(IsKnown).ToList();
    }
}
