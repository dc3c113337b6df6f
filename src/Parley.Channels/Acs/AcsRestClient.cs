using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Parley.Channels.Acs;

/// <summary>
/// Signed calls to an ACS resource's REST API through the named <see cref="HttpClientName"/> client: every request
/// carries the access-key HMAC headers (<see cref="AcsRequestSigner"/>), computed at send time.
/// </summary>
public sealed class AcsRestClient(IHttpClientFactory httpClients, TimeProvider time)
{
    public const string HttpClientName = "acs";

    public HttpClient Http => httpClients.CreateClient(HttpClientName);

    /// <summary>Builds a signed request; <paramref name="body"/> is sent as <c>application/json</c>.</summary>
    public HttpRequestMessage Create(HttpMethod method, AcsAccountSettings settings, string pathAndQuery, byte[]? body = null)
    {
        var request = new HttpRequestMessage(method, settings.Url(pathAndQuery));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        AcsRequestSigner.Sign(request, body ?? [], settings.AccessKey, time.GetUtcNow());
        return request;
    }

    /// <summary>ACS's error body (<c>{"error": {"code", "message"}}</c>, Azure.Core.Foundations.ErrorResponse) or what stands in for it.</summary>
    public async Task<AcsError> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var headerCode = response.Headers.TryGetValues("x-ms-error-code", out var values) ? values.FirstOrDefault() : null;
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(ct);
        }
        catch (HttpRequestException)
        {
            text = "";
        }

        string? code = null;
        string? message = null;
        if (text.Length > 0)
        {
            try
            {
                using var doc = JsonDocument.Parse(text);
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                    message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                }
            }
            catch (JsonException)
            {
                // Not ACS's JSON (a proxy's page, say): the status line speaks for it.
            }
        }

        code ??= headerCode ?? $"http_{status}";
        message ??= string.IsNullOrWhiteSpace(response.ReasonPhrase) ? $"HTTP {status}" : $"HTTP {status} {response.ReasonPhrase}";
        return new AcsError(response.StatusCode, code, message, RetryAfter(response, time.GetUtcNow()));
    }

    /// <summary>Retry-After as seconds or as an HTTP date.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        // Some Azure services also send the milliseconds variant.
        if (response.Headers.TryGetValues("retry-after-ms", out var ms) && double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var millis))
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        return null;
    }

    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;
}
