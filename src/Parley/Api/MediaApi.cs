using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Channels.Media;
using Parley.Core.ApiKeys;
using Parley.Core.Media;

namespace Parley.Api;

/// <summary>
/// <c>GET /api/v1/media/{id}</c>: a stored file (inbound media fetched from the provider, or a file uploaded to send);
/// <c>POST /api/v1/media</c>: upload a file, then send it with <c>media.storedId</c>. Ids are the file's SHA-256.
/// </summary>
public static class MediaApi
{
    /// <summary>WhatsApp's largest media (documents): 100 MiB.</summary>
    public const long MaxUploadBytes = 100L * 1024 * 1024;

    public static string UrlFor(string storedId) => $"{ApiExtensions.Prefix}/media/{Uri.EscapeDataString(storedId)}";

    public static RouteGroupBuilder MapMediaApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/media", "Media");
        group.MapGet("/{id}", DownloadAsync)
            .Read()
            .WithName("GetMedia")
            .WithSummary("Download a stored file")
            .WithDescription(
                "The bytes of a stored file with its content type and file name: media a contact sent (fetched from the provider when the message " +
                "arrived) or a file uploaded with POST /api/v1/media. A message's `mediaUrl` points here. Supports Range requests.")
            .WithMetadata(new FileDownload())
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", UploadAsync)
            .RequireScope(ApiScopes.MessagesSend)
            .DisableAntiforgery() // bearer-key API: no cookies, so no cross-site request forgery to guard against
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxUploadBytes + (1024 * 1024))) // the server's default is 3 MiB
            .DescribeMultipartUpload("POST", ApiOpenApi.MultipartBody(
                "The file, as the multipart/form-data field `file`.",
                new FormField("file", "The file's bytes, with its content type and file name.", Required: true, File: true)))
            .WithName("UploadMedia")
            .WithSummary("Upload a file to send")
            .WithDescription(
                "Multipart form with one `file` (up to 100 MiB; WhatsApp's per-type limits are checked when sending). Answers 201 with the stored id: " +
                "send it with `{\"type\": \"image\", \"media\": {\"storedId\": \"…\"}}`. The same bytes uploaded twice give the same id.")
            .ProducesValidationProblem()
            .WithExamples(response: MediaView.Example, status: StatusCodes.Status201Created);
        return group;
    }

    private static async Task<Results<StoredMediaResult, ProblemHttpResult>> DownloadAsync(string id, IMediaStore media, CancellationToken ct)
    {
        if (await media.OpenAsync(id, ct) is not { } found)
        {
            return ApiProblems.NotFound($"No stored file {id}.");
        }

        return new StoredMediaResult(found.Media, found.Content);
    }

    /// <summary>Reads the form itself rather than binding an <see cref="IFormFile"/> parameter (which would also make routing answer 415 first).</summary>
    private static async Task<Results<Created<MediaView>, ValidationProblem>> UploadAsync(HttpRequest request, IMediaStore media, CancellationToken ct)
    {
        var file = request.HasFormContentType ? (await request.ReadFormAsync(ct)).Files.GetFile("file") : null;
        if (file is null || file.Length == 0)
        {
            return ApiProblems.Validation("file", "'file' is required: a multipart/form-data field with the file's bytes.");
        }

        try
        {
            await using var content = file.OpenReadStream();
            var contentType = string.IsNullOrWhiteSpace(file.ContentType) ? null : file.ContentType;
            var stored = await media.SaveAsync(content, contentType, file.FileName, MaxUploadBytes, ct);
            var view = MediaView.From(stored);
            return TypedResults.Created(view.Url, view);
        }
        catch (MediaTooLargeException ex)
        {
            return ApiProblems.Validation("file", ex.Message);
        }
    }
}
