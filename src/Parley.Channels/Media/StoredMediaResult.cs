using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Parley.Core.Media;

namespace Parley.Channels.Media;

/// <summary>
/// Answers with a stored file the way every route that serves media should: what contacts send is untrusted, so a file
/// that browsers could run (HTML, SVG, anything but plain images, audio, video and PDF) is only offered as a download,
/// never sniffed, and sandboxed if opened anyway. Ids are content hashes, so a copy never goes stale: cached privately.
/// </summary>
public sealed class StoredMediaResult(StoredMedia media, Stream content) : IResult
{
    private static readonly HashSet<string> InlineTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf",
    };

    public StoredMedia Media { get; } = media;

    public static bool ShowsInline(string? mimeType) =>
        mimeType is not null && (InlineTypes.Contains(mimeType)
            || mimeType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)
            || mimeType.StartsWith("video/", StringComparison.OrdinalIgnoreCase));

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var headers = httpContext.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
        headers[HeaderNames.CacheControl] = "private, max-age=31536000, immutable";
        var inline = ShowsInline(Media.MimeType);
        var type = inline ? Media.MimeType! : "application/octet-stream";
        var name = Media.FileName ?? Media.Id;
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(name);
        headers[HeaderNames.ContentDisposition] = disposition.ToString();
        // No download name here: the disposition above is already set (the stream result would make it an attachment).
        return TypedResults.Stream(content, type, fileDownloadName: null, enableRangeProcessing: true).ExecuteAsync(httpContext);
    }
}
