using Microsoft.AspNetCore.Http;

namespace Parley.Channels.Webhooks;

/// <summary>
/// Reads a webhook's raw bytes once, capped at 3 MiB: signatures are computed over these exact bytes
/// (never over re-serialized JSON), and the same bytes are stored as the event's body.
/// </summary>
public static class WebhookBody
{
    public const int MaxBytes = 3 * 1024 * 1024;

    /// <summary>The body, or null when it is over the limit (answer 413).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream(request.ContentLength is > 0 and <= MaxBytes ? (int)request.ContentLength.Value : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static IResult TooLarge() => TypedResults.Problem(
        $"The body is larger than the limit of {MaxBytes:N0} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large");
}
