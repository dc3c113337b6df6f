using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Parley.Channels.Meta;

/// <summary>The Graph API over HTTP: authenticated requests, and Meta's errors turned into <see cref="MetaApiException"/>.</summary>
public sealed class MetaGraph(IHttpClientFactory http, TimeProvider time)
{
    /// <summary>The named <see cref="HttpClient"/> every Meta call uses (timeout: <see cref="MetaOptions.HttpTimeout"/>).</summary>
    public const string HttpClientName = "Parley.Meta";

    public HttpClient Client() => http.CreateClient(HttpClientName);

    public TimeProvider Time => time;

    public static HttpRequestMessage Request(HttpMethod method, Uri url, string accessToken)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return request;
    }

    public static HttpRequestMessage PostJson(Uri url, string accessToken, byte[] json)
    {
        var request = Request(HttpMethod.Post, url, accessToken);
        request.Content = new ByteArrayContent(json);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }

    /// <summary>Sends <paramref name="request"/> and returns the JSON of a successful answer.</summary>
    /// <exception cref="MetaApiException">Network failure, timeout, or an error answer (with Meta's error when it sent one).</exception>
    public async Task<JsonDocument> SendForJsonAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        try
        {
            return JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
        }
        catch (JsonException ex)
        {
            throw new MetaApiException($"Meta answered HTTP {(int)response.StatusCode} with a body that is not JSON.", response.StatusCode, null, transient: false, ex);
        }
    }

    /// <summary>Sends <paramref name="request"/>; a non-success answer becomes a <see cref="MetaApiException"/>. The caller disposes the response.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await Client().SendAsync(request, completion, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new MetaApiException($"Meta could not be reached: {ex.Message}", null, null, transient: true, ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new MetaApiException("Meta did not answer in time.", HttpStatusCode.RequestTimeout, null, transient: true, ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            var error = MetaErrors.Parse(body);
            var result = MetaErrors.Classify(response.StatusCode, error, MetaErrors.RetryAfter(response, time), body);
            throw new MetaApiException(result.ErrorReason ?? $"Meta answered HTTP {(int)response.StatusCode}.", response.StatusCode, error, result.Transient);
        }
    }
}
