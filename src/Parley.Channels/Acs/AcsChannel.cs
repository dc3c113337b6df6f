using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Parley.Core.Contacts;
using Parley.Core.Outbound;

namespace Parley.Channels.Acs;

/// <summary>
/// Sends through Azure Communication Services Advanced Messaging: <c>POST {Endpoint}/messages/notifications:send</c>,
/// signed with the account's access key, with a repeatable-request id derived from the idempotency key. The answer's
/// <c>receipts[0].messageId</c> is the id later delivery statuses name.
/// </summary>
/// <remarks>
/// api-version per kind (<see cref="AcsApiVersions"/>): 2024-08-30 (GA) for text, media and templates; 2024-11-15 for
/// interactive messages (the first stable version that defines them); 2024-11-15 for reactions and stickers, the
/// version of their official examples. The account setting <c>ApiVersion</c> overrides all of them.
/// </remarks>
public sealed class AcsChannel(AcsRestClient rest, AcsRepeatability repeatability, ILogger<AcsChannel> logger) : IChannel
{
    // The body goes to an API, never into HTML: '+' and accents are written as themselves, which keeps bodies readable.
    private static readonly JsonSerializerOptions BodyOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Provider => Providers.Acs;

    public async Task<SendResult> SendAsync(OutboundRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!AcsAccountSettings.TryRead(request.Account, out var settings, out var problem))
        {
            return SendResult.Permanent("acs_configuration", problem);
        }

        if (!TryRecipient(request, out var to))
        {
            return SendResult.Permanent("invalid_recipient", $"'{PhoneMask.Mask(request.ToPhone ?? request.To)}' is not a phone number ACS can send to.");
        }

        if (!AcsMessageMapper.TryMap(request.Content, settings.ChannelRegistrationId, to, out var notification, out var code, out var reason))
        {
            return SendResult.Permanent(code, reason);
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(notification.Body, BodyOptions);
        var version = settings.ApiVersion(notification.ApiVersion);
        var (requestId, firstSent) = repeatability.For(request.Account.Id, request.IdempotencyKey);
        using var message = rest.Create(HttpMethod.Post, settings, $"/messages/notifications:send?api-version={Uri.EscapeDataString(version)}", body);
        message.Headers.TryAddWithoutValidation(AcsRepeatability.RequestIdHeader, requestId.ToString());
        message.Headers.TryAddWithoutValidation(AcsRepeatability.FirstSentHeader, AcsRequestSigner.FormatDate(firstSent));

        SendResult result;
        try
        {
            using var response = await rest.Http.SendAsync(message, ct);
            result = response.IsSuccessStatusCode
                ? await ReadReceiptAsync(response, ct)
                : AcsSendErrors.Classify(await rest.ReadErrorAsync(response, ct));
        }
        catch (HttpRequestException ex)
        {
            return SendResult.Retry("network", $"ACS could not be reached: {ex.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return SendResult.Retry("timeout", "ACS did not answer in time.");
        }

        if (!result.Transient)
        {
            repeatability.Done(requestId);
        }

        logger.LogDebug("ACS {Kind} to {To} for message {MessageId}: {Outcome}", notification.Kind, PhoneMask.Mask(to), request.MessageId,
            result.Accepted ? "accepted" : $"{result.ErrorCode} {result.ErrorReason}");
        return result;
    }

    /// <summary>ACS takes E.164 with '+' (the examples' bare digits work too); contacts may be stored either way.</summary>
    private static bool TryRecipient(OutboundRequest request, out string e164)
    {
        foreach (var candidate in new[] { request.ToPhone, request.To })
        {
            var value = candidate?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            var ok = value.All(char.IsAsciiDigit) ? PhoneNumber.TryParseWaId(value, out var number) : PhoneNumber.TryParse(value, null, out number);
            if (ok)
            {
                e164 = number.ToE164();
                return true;
            }
        }

        e164 = "";
        return false;
    }

    private static async Task<SendResult> ReadReceiptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("receipts", out var receipts) && receipts.ValueKind == JsonValueKind.Array
                && receipts.GetArrayLength() > 0 && receipts[0].ValueKind == JsonValueKind.Object
                && receipts[0].TryGetProperty("messageId", out var id) && id.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(id.GetString()))
            {
                return SendResult.Ok(id.GetString()!);
            }
        }
        catch (JsonException)
        {
            // Falls through to the answer below.
        }

        // Accepted but without the id statuses will name: retrying could send twice, so it is not retried.
        return SendResult.Permanent("acs_no_receipt", $"ACS answered {(int)response.StatusCode} without receipts[0].messageId.");
    }
}
