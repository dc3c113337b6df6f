using System.Net;
using Microsoft.Extensions.Options;
using Parley.Channels.Media;
using Parley.Core.Accounts;
using Parley.Core.Messaging;
using Parley.Core.Outbound;

namespace Parley.Channels.Twilio;

/// <summary>
/// Fetches inbound media from its <c>MediaUrl</c> with HTTP Basic auth. Twilio may answer with a redirect to a
/// short-lived signed URL on another host; redirects are followed here, by hand, so the account's credentials go
/// only to the origin they were meant for (same scheme, host and port), never to the redirect's host.
/// </summary>
public sealed class TwilioMediaDownloader(IHttpClientFactory httpClients, IOptions<TwilioOptions> options) : IMediaDownloader
{
    /// <summary>A client that does not follow redirects itself (see <see cref="TwilioRegistration"/>).</summary>
    public const string HttpClientName = "twilio-media";

    public string Provider => Providers.Twilio;

    public async Task<DownloadedMedia> DownloadAsync(Account account, MediaInfo media, CancellationToken ct)
    {
        if (TwilioSettings.Read(account, out var problem) is not { } settings)
        {
            throw new MediaDownloadException(problem!, transient: false);
        }

        if (!Uri.TryCreate(media.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            throw new MediaDownloadException($"The media has no usable URL ('{media.Url}').", transient: false);
        }

        var client = httpClients.CreateClient(HttpClientName);
        var origin = url;
        for (var redirects = 0; ; redirects++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (SameOrigin(url, origin))
            {
                request.Headers.Authorization = settings.BasicAuth();
            }

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            }
            catch (HttpRequestException ex)
            {
                throw new MediaDownloadException($"Twilio media could not be fetched: {ex.Message}", transient: true, ex);
            }
            catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
            {
                throw new MediaDownloadException("Twilio media did not arrive in time.", transient: true, ex);
            }

            if (IsRedirect(response.StatusCode))
            {
                var location = response.Headers.Location;
                var code = (int)response.StatusCode;
                response.Dispose();
                if (location is null)
                {
                    throw new MediaDownloadException($"Twilio answered {code} without a Location.", transient: true);
                }

                if (redirects >= options.Value.MaxMediaRedirects)
                {
                    throw new MediaDownloadException($"Twilio media redirected more than {options.Value.MaxMediaRedirects} times.", transient: false);
                }

                var next = location.IsAbsoluteUri ? location : new Uri(url, location);
                if (next.Scheme is not ("https" or "http") || (url.Scheme == "https" && next.Scheme == "http"))
                {
                    throw new MediaDownloadException($"Twilio media redirected to a URL Parley does not follow ({next.Scheme}).", transient: false);
                }

                url = next;
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                response.Dispose();
                var transient = status is 408 or 429 or >= 500;
                var why = status switch
                {
                    401 or 403 => "Twilio refused the account's credentials for this media",
                    404 or 410 => "the media no longer exists at Twilio (deleted or expired)",
                    _ => "Twilio did not serve the media",
                };
                throw new MediaDownloadException($"{why} (HTTP {status}).", transient);
            }

            var stream = await response.Content.ReadAsStreamAsync(ct);
            var mime = response.Content.Headers.ContentType?.MediaType ?? media.MimeType;
            var fileName = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
            return new DownloadedMedia(new ResponseBodyStream(stream, response), mime, fileName ?? media.FileName, null);
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;
}
