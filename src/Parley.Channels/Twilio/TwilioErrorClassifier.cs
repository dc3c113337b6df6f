using System.Globalization;
using System.Net;
using Parley.Core.Outbound;

namespace Parley.Channels.Twilio;

/// <summary>
/// Decides what a failed Twilio send means for the outbound queue: retry later (throttling, Twilio's trouble)
/// or fail the message with a reason a person can act on. Twilio's error code wins over the HTTP status.
/// </summary>
public static class TwilioErrorClassifier
{
    private enum Kind
    {
        Retry,
        Permanent,
    }

    private sealed record Known(Kind Kind, string Description);

    /// <summary>Twilio's "outside the 24-hour window" error: only a template reaches the person now.</summary>
    public const int OutsideWindow = 63016;

    private static readonly Dictionary<int, Known> Codes = new()
    {
        [20003] = new(Kind.Permanent, "Twilio rejected the credentials: check the account's AccountSid and AuthToken."),
        [20404] = new(Kind.Permanent, "Twilio does not know this resource: check the account's AccountSid and ApiBaseUrl."),
        [20429] = new(Kind.Retry, "Too many requests: Twilio's REST API concurrency limit was reached."),
        [21211] = new(Kind.Permanent, "Invalid 'To' phone number."),
        [21408] = new(Kind.Permanent, "Sending to this region is not enabled on the Twilio account."),
        [21610] = new(Kind.Permanent, "The recipient has opted out of messages from this sender."),
        [21614] = new(Kind.Permanent, "'To' is not a valid mobile number."),
        [63003] = new(Kind.Permanent, "The 'To' address could not be found on WhatsApp."),
        [63007] = new(Kind.Permanent, "Twilio has no WhatsApp sender for the 'From' address: check the account's From setting."),
        [OutsideWindow] = new(Kind.Permanent, "Outside WhatsApp's 24-hour customer service window: only an approved template (a Content SID) can be sent."),
        [63018] = new(Kind.Retry, "Rate limit exceeded for the WhatsApp sender."),
    };

    /// <summary>What Parley says about a Twilio error code it knows, or null.</summary>
    public static string? Describe(int code) => Codes.TryGetValue(code, out var known) ? known.Description : null;

    public static SendResult Classify(HttpStatusCode status, TwilioApiError? error, TimeSpan? retryAfter = null)
    {
        var http = (int)status;
        var code = error?.Code is { } c ? c.ToString(CultureInfo.InvariantCulture) : $"http_{http}";
        var known = error?.Code is { } n && Codes.TryGetValue(n, out var k) ? k : null;
        var reason = Reason(http, error, known);

        var kind = known?.Kind ?? http switch
        {
            429 or 408 => Kind.Retry,
            >= 500 => Kind.Retry,
            _ => Kind.Permanent,
        };

        return kind == Kind.Retry
            ? SendResult.Retry(code, reason, retryAfter)
            : SendResult.Permanent(code, reason) with { NeedsTemplate = error?.Code == OutsideWindow };
    }

    private static string Reason(int http, TwilioApiError? error, Known? known)
    {
        var twilio = error?.Message is { Length: > 0 } m
            ? $"Twilio {error.Code?.ToString(CultureInfo.InvariantCulture) ?? "error"} (HTTP {http}): {m}"
            : $"Twilio answered HTTP {http}";
        return known is null ? twilio : $"{known.Description} [{twilio}]";
    }
}
