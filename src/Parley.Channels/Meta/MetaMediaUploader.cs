using System.Net.Http.Headers;
using System.Text.Json;
using Parley.Core.Accounts;

namespace Parley.Channels.Meta;

/// <summary>Uploads a file to Meta (<c>POST /{PhoneNumberId}/media</c>) and returns its media id, valid for 30 days.</summary>
public sealed class MetaMediaUploader(MetaGraph graph)
{
    /// <exception cref="MetaApiException">Meta refused the file or could not be reached.</exception>
    public async Task<string> UploadAsync(Account account, Stream content, string mimeType, string? fileName, CancellationToken ct)
    {
        var meta = MetaAccount.From(account);
        if (meta.MissingForSending() is { } missing)
        {
            throw new MetaApiException(missing, null, null, transient: false);
        }

        using var form = new MultipartFormDataContent
        {
            { new StringContent("whatsapp"), "messaging_product" },
            { new StringContent(mimeType), "type" },
        };
        var file = new StreamContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(mimeType);
        form.Add(file, "file", string.IsNullOrWhiteSpace(fileName) ? "file" : fileName);

        using var request = MetaGraph.Request(HttpMethod.Post, meta.Url(meta.PhoneNumberId!, "media"), meta.AccessToken!);
        request.Content = form;
        using var json = await graph.SendForJsonAsync(request, ct);
        return json.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } value
            ? value
            : throw new MetaApiException("Meta accepted the upload but its answer has no id.", null, null, transient: false);
    }
}
