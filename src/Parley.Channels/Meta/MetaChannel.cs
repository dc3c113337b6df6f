using System.Text.Json;
using Microsoft.Extensions.Logging;
using Parley.Core.Accounts;
using Parley.Core.Contacts;
using Parley.Core.Media;
using Parley.Core.Messaging;
using Parley.Core.Outbound;
using Parley.Core.Outbound.Validation;

namespace Parley.Channels.Meta;

/// <summary>
/// Sends through the WhatsApp Cloud API: <c>POST {ApiBaseUrl}/{PhoneNumberId}/messages</c> with the account's bearer token.
/// One attempt per call: the outbound queue retries transient failures with backoff (and Meta's Retry-After), so
/// nothing here retries — a retried POST after a timeout could deliver the message twice.
/// </summary>
public sealed class MetaChannel(
    MetaGraph graph,
    MetaMediaUploader uploader,
    IMediaStore mediaStore,
    MetaTemplateStore templates,
    ILogger<MetaChannel> logger) : IChannel
{
    public string Provider => Providers.Meta;

    public async Task<SendResult> SendAsync(OutboundRequest request, CancellationToken ct)
    {
        var meta = MetaAccount.From(request.Account);
        if (meta.MissingForSending() is { } missing)
        {
            return SendResult.Permanent("config", missing);
        }

        var errors = OutboundValidator.Validate(request.Content);
        if (errors.Count > 0)
        {
            return SendResult.Permanent("validation", string.Join(" ", errors.Select(e => e.Message)));
        }

        MessageContent content;
        try
        {
            content = await UploadStoredMediaAsync(request.Account, request.Content, ct);
        }
        catch (MetaApiException ex)
        {
            return ex.Transient ? SendResult.Retry(Code(ex), ex.Message) : SendResult.Permanent(Code(ex), ex.Message);
        }
        catch (FileNotFoundException ex)
        {
            return SendResult.Permanent("media_missing", ex.Message);
        }

        IReadOnlyList<string>? names = null;
        if (content.Template is { } template)
        {
            names = await templates.ParameterNamesAsync(request.Account.Id, template.Name, template.Language, ct);
        }

        byte[] body;
        try
        {
            body = MetaMessagePayload.Build(request.To, content, names);
        }
        catch (NotSupportedException ex)
        {
            return SendResult.Permanent("unsupported_type", ex.Message);
        }

        using var http = MetaGraph.PostJson(meta.Url(meta.PhoneNumberId!, "messages"), meta.AccessToken!, body);
        HttpResponseMessage response;
        try
        {
            response = await graph.Client().SendAsync(http, ct);
        }
        catch (HttpRequestException ex)
        {
            return SendResult.Retry("network", $"Meta could not be reached: {ex.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return SendResult.Retry("timeout", "Meta did not answer in time; the message will be sent again.");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                var result = MetaErrors.Classify(response.StatusCode, MetaErrors.Parse(text), MetaErrors.RetryAfter(response, graph.Time), text);
                logger.LogDebug("Meta refused message {MessageId} to {To}: {Code}", request.MessageId, PhoneMask.Mask(request.To), result.ErrorCode);
                return result;
            }

            if (ReadMessageId(text) is { } id)
            {
                logger.LogDebug("Meta accepted message {MessageId} to {To} as {ProviderId}", request.MessageId, PhoneMask.Mask(request.To), id);
                return SendResult.Ok(id);
            }

            // Accepted without an id: sending again could deliver twice, so it is not retried.
            return SendResult.Permanent("bad_response", "Meta accepted the request but its answer has no messages[0].id.");
        }
    }

    /// <summary>Media Parley stored (a bot's file, an upload) is uploaded to Meta first and sent by its new id.</summary>
    private async Task<MessageContent> UploadStoredMediaAsync(Account account, MessageContent content, CancellationToken ct)
    {
        if (content.Media is { } media && NeedsUpload(media))
        {
            return content with { Media = media with { Id = await UploadAsync(account, media, ct) } };
        }

        if (content.Template?.HeaderMedia is { } header && NeedsUpload(header))
        {
            return content with { Template = content.Template with { HeaderMedia = header with { Id = await UploadAsync(account, header, ct) } } };
        }

        return content;
    }

    private static bool NeedsUpload(MediaInfo media) =>
        string.IsNullOrEmpty(media.Id) && string.IsNullOrEmpty(media.Url) && !string.IsNullOrEmpty(media.StoredId);

    private async Task<string> UploadAsync(Account account, MediaInfo media, CancellationToken ct)
    {
        var stored = await mediaStore.OpenAsync(media.StoredId!, ct)
            ?? throw new FileNotFoundException($"The stored file '{media.StoredId}' to send no longer exists.");
        await using var stream = stored.Content;
        var mime = media.MimeType ?? stored.Media.MimeType ?? "application/octet-stream";
        return await uploader.UploadAsync(account, stream, mime, media.FileName ?? stored.Media.FileName, ct);
    }

    private static string? ReadMessageId(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("messages", out var messages)
                && messages.ValueKind == JsonValueKind.Array
                && messages.GetArrayLength() > 0
                && messages[0].TryGetProperty("id", out var id)
                && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Code(MetaApiException ex) =>
        ex.Error is { } e ? e.Code.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : ex.Status is { } s ? $"http_{(int)s}"
        : "network";
}
