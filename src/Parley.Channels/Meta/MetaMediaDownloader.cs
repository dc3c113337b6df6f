using System.Text.Json;
using Parley.Channels.Media;
using Parley.Core.Accounts;
using Parley.Core.Messaging;
using Parley.Core.Outbound;

namespace Parley.Channels.Meta;

/// <summary>
/// Fetches inbound media: <c>GET {ApiBaseUrl}/{media-id}</c> gives a download URL valid for five minutes, which is then
/// read with the same bearer token. A fresh URL is asked for every time, since the one in a webhook may have expired.
/// </summary>
public sealed class MetaMediaDownloader(MetaGraph graph) : IMediaDownloader
{
    public string Provider => Providers.Meta;

    public async Task<DownloadedMedia> DownloadAsync(Account account, MediaInfo media, CancellationToken ct)
    {
        var meta = MetaAccount.From(account);
        if (meta.AccessToken is null)
        {
            throw new MediaDownloadException($"Account '{account.Id}' has no AccessToken, so its media cannot be fetched.", transient: false);
        }

        var url = media.Url;
        var mime = media.MimeType;
        var sha256 = media.Sha256;
        try
        {
            if (!string.IsNullOrEmpty(media.Id))
            {
                var lookup = meta.Url(media.Id);
                if (meta.PhoneNumberId is { } phoneNumberId)
                {
                    // Meta checks that the media belongs to this number when the id is given.
                    lookup = new Uri($"{lookup}?phone_number_id={Uri.EscapeDataString(phoneNumberId)}");
                }

                using var request = MetaGraph.Request(HttpMethod.Get, lookup, meta.AccessToken);
                using var json = await graph.SendForJsonAsync(request, ct);
                var root = json.RootElement;
                url = Str(root, "url") ?? throw new MediaDownloadException($"Meta's answer for media {media.Id} has no url.", transient: false);
                mime = Str(root, "mime_type") ?? mime;
                sha256 ??= Str(root, "sha256");
            }

            if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var download))
            {
                throw new MediaDownloadException("The media has neither a Meta media id nor a download URL.", transient: false);
            }

            var get = MetaGraph.Request(HttpMethod.Get, download, meta.AccessToken);
            HttpResponseMessage response;
            try
            {
                response = await graph.SendAsync(get, HttpCompletionOption.ResponseHeadersRead, ct);
            }
            finally
            {
                get.Dispose();
            }

            var stream = await response.Content.ReadAsStreamAsync(ct);
            return new DownloadedMedia(new ResponseBodyStream(stream, response), response.Content.Headers.ContentType?.MediaType ?? mime, media.FileName, sha256);
        }
        catch (MetaApiException ex)
        {
            // 5xx, throttling and network trouble pass; a 4xx (unknown id, expired, forbidden) will not.
            throw new MediaDownloadException($"Media {media.Id ?? "(by URL)"} could not be fetched from Meta: {ex.Message}", ex.Transient, ex);
        }
    }

    private static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;
}
