using System.Globalization;
using System.Net;
using System.Text.Json;
using Parley.Core.Outbound;

namespace Parley.Channels.Meta;

/// <summary>Reads Meta's error bodies and decides what the outbound queue does with each error.</summary>
public static class MetaErrors
{
    /// <summary>Throttling (app, WABA, throughput, pair rate and spam rate limits): retried later, after Retry-After when given.</summary>
    public static readonly IReadOnlySet<int> Throttling = new HashSet<int> { 4, 80007, 130429, 131056, 131048 };

    /// <summary>Meta's own transient failures (unknown, service, temporarily unavailable): retried with backoff.</summary>
    public static readonly IReadOnlySet<int> Transient = new HashSet<int> { 1, 2, 131000, 131016 };

    public const int ReEngagement = 131047;
    public const int ExpiredToken = 190;

    /// <summary>The error in <paramref name="body"/>, or null when it is not Meta's error shape.</summary>
    public static MetaError? Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var e) || e.ValueKind != JsonValueKind.Object
                || !e.TryGetProperty("code", out var c) || !TryInt(c, out var code))
            {
                return null;
            }

            return new MetaError(code, Str(e, "message"))
            {
                Subcode = e.TryGetProperty("error_subcode", out var s) && TryInt(s, out var subcode) ? subcode : null,
                Type = Str(e, "type"),
                Details = e.TryGetProperty("error_data", out var data) && data.ValueKind == JsonValueKind.Object ? Str(data, "details") : null,
                FbTraceId = Str(e, "fbtrace_id"),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What the outbound queue should do with a failed send.</summary>
    public static SendResult Classify(HttpStatusCode status, MetaError? error, TimeSpan? retryAfter, string? body = null)
    {
        if (error is null)
        {
            var http = $"http_{(int)status}";
            var excerpt = string.IsNullOrWhiteSpace(body) ? "" : $": {Excerpt(body)}";
            return (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
                ? SendResult.Retry(http, $"Meta answered HTTP {(int)status}{excerpt}", retryAfter)
                : SendResult.Permanent(http, $"Meta answered HTTP {(int)status}{excerpt}");
        }

        var code = error.Code.ToString(CultureInfo.InvariantCulture);
        var described = error.Describe();
        if (Throttling.Contains(error.Code))
        {
            return SendResult.Retry(code, $"Meta is throttling this number: {described}", retryAfter);
        }

        if (Transient.Contains(error.Code))
        {
            return SendResult.Retry(code, $"Meta is temporarily unavailable: {described}", retryAfter);
        }

        return error.Code switch
        {
            ReEngagement => SendResult.Permanent(code,
                $"More than 24 hours have passed since the contact last wrote, so only an approved template can reach them now. {described}") with { NeedsTemplate = true },
            ExpiredToken => SendResult.Permanent(code,
                $"The account's access token is expired or invalid; renew its AccessToken. {described}"),
            131026 => SendResult.Permanent(code, $"WhatsApp could not deliver to this number (not on WhatsApp, old app, or terms not accepted). {described}"),
            131030 => SendResult.Permanent(code, $"The recipient is not in the test number's allowed list. {described}"),
            131051 => SendResult.Permanent(code, $"WhatsApp does not support this message type. {described}"),
            100 => SendResult.Permanent(code, $"Meta rejected a parameter of the request. {described}"),
            >= 132000 and <= 132018 => SendResult.Permanent(code, $"The template could not be used. {described}"),
            // A 5xx with an unfamiliar code is Meta's trouble rather than the message's.
            _ when (int)status >= 500 => SendResult.Retry(code, described, retryAfter),
            _ => SendResult.Permanent(code, described),
        };
    }

    /// <summary>The Retry-After header as a delay, when present.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static string Excerpt(string body)
    {
        var oneLine = body.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= 200 ? oneLine : string.Concat(oneLine.AsSpan(0, 200), "…");
    }

    private static bool TryInt(JsonElement v, out int value)
    {
        value = 0;
        return v.ValueKind switch
        {
            JsonValueKind.Number => v.TryGetInt32(out value),
            JsonValueKind.String => int.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    private static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
