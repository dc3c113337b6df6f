using System.Net;
using Parley.Channels.Media;
using Parley.Core.Accounts;
using Parley.Core.Messaging;
using Parley.Core.Outbound;

namespace Parley.Channels.Acs;

/// <summary>
/// Downloads inbound media: <c>GET {Endpoint}/messages/streams/{media.id}?api-version=2024-08-30</c>, signed like every
/// ACS call. ACS answers with the bytes (<c>application/octet-stream</c>); the MIME type comes from the event when the
/// answer does not name a better one. The bytes are streamed, not buffered.
/// </summary>
public sealed class AcsMediaDownloader(AcsRestClient rest) : IMediaDownloader
{
    public string Provider => Providers.Acs;

    public async Task<DownloadedMedia> DownloadAsync(Account account, MediaInfo media, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(media);
        if (!AcsAccountSettings.TryRead(account, out var settings, out var problem))
        {
            throw new MediaDownloadException(problem, transient: false);
        }

        if (string.IsNullOrWhiteSpace(media.Id))
        {
            throw new MediaDownloadException("The media has no ACS media id to download.", transient: false);
        }

        var request = rest.Create(HttpMethod.Get, settings,
            $"/messages/streams/{Uri.EscapeDataString(media.Id)}?api-version={Uri.EscapeDataString(settings.ApiVersion(AcsApiVersions.Ga))}");
        HttpResponseMessage response;
        try
        {
            response = await rest.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException ex)
        {
            request.Dispose();
            throw new MediaDownloadException($"ACS could not be reached: {ex.Message}", transient: true, ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            request.Dispose();
            throw new MediaDownloadException("ACS did not answer in time.", transient: true, ex);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (request)
            using (response)
            {
                var error = await rest.ReadErrorAsync(response, ct);
                var hint = error.Status switch
                {
                    HttpStatusCode.NotFound => " (unknown or expired media id)",
                    HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => " (check the account's Endpoint and AccessKey)",
                    _ => "",
                };
                throw new MediaDownloadException($"ACS answered {error.StatusCode} {error.Code} for media {media.Id}{hint}: {error.Message}",
                    AcsRestClient.IsTransient(error.Status));
            }
        }

        var stream = await response.Content.ReadAsStreamAsync(ct);
        var served = response.Content.Headers.ContentType?.MediaType;
        var mime = served is null or "application/octet-stream" ? media.MimeType ?? served : served;
        var fileName = media.FileName ?? response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
        return new DownloadedMedia(new ResponseBodyStream(stream, response, request), mime, fileName, null);
    }
}
