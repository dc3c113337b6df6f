using Microsoft.OpenApi;

namespace Parley.Api;

/// <summary>
/// Marks an endpoint that answers a stored file: the document lists the types a file is served as (its own for images,
/// audio, video and PDF; <c>application/octet-stream</c> for anything a browser could run) rather than octet-stream alone.
/// </summary>
public sealed class FileDownload
{
    private static readonly string[] ContentTypes = ["image/jpeg", "image/png", "image/gif", "image/webp", "audio/*", "video/*", "application/pdf", "application/octet-stream"];

    public static void Describe(OpenApiOperation operation)
    {
        operation.Responses ??= [];
        operation.Responses["200"] = new OpenApiResponse
        {
            Description = "The file, served as its own type when it is a common image (JPEG, PNG, GIF, WebP), audio, video or PDF; anything else " +
                "(HTML, SVG, unknown types) as `application/octet-stream` with `Content-Disposition: attachment`.",
            Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Content-Disposition"] = new OpenApiHeader { Description = "The file name; `attachment` for types a browser could run.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            Content = ContentTypes.ToDictionary(t => t, _ => new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
            }),
        };
    }
}
