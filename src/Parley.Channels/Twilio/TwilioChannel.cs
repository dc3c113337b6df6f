using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Contacts;
using Parley.Core.Hosting;
using Parley.Core.Outbound;

namespace Parley.Channels.Twilio;

/// <summary>
/// Sends WhatsApp messages through Twilio's Programmable Messaging API
/// (<c>POST {ApiBaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json</c>, HTTP Basic AccountSid:AuthToken).
/// What each content type becomes is decided by <see cref="TwilioMessageBuilder"/>; what an error means, by
/// <see cref="TwilioErrorClassifier"/>.
/// </summary>
public sealed class TwilioChannel(
    IHttpClientFactory httpClients,
    IOptions<ParleyOptions> parley,
    IOptions<TwilioOptions> options,
    TimeProvider time,
    ILogger<TwilioChannel> logger) : IChannel
{
    public const string HttpClientName = "twilio";
    public const string IdempotencyHeader = "I-Twilio-Idempotency-Token";

    private static readonly TimeSpan MaxPartRetryDelay = TimeSpan.FromSeconds(10);

    public string Provider => Providers.Twilio;

    /// <summary>Twilio refuses WhatsApp bodies over 1,600 characters (its Messages API limit), tighter than WhatsApp's 4,096.</summary>
    public ChannelCapabilities Capabilities { get; } = ChannelCapabilities.WhatsApp with { MaxTextLength = TwilioMessageBuilder.MaxBodyLength };

    public async Task<SendResult> SendAsync(OutboundRequest request, CancellationToken ct)
    {
        var account = request.Account;
        if (TwilioSettings.Read(account, out var problem) is not { } settings)
        {
            return SendResult.Permanent("config", problem!);
        }

        var from = Sender(settings, out problem);
        if (problem is not null)
        {
            return SendResult.Permanent("config", problem);
        }

        if (!TryRecipient(request, out var to))
        {
            return SendResult.Permanent("invalid_recipient", $"'{PhoneMask.Mask(request.ToPhone ?? request.To)}' is not a phone number Twilio can address as whatsapp:+E164.");
        }

        var plan = TwilioMessageBuilder.Build(request.Content);
        if (plan.Rejected is { } rejected)
        {
            logger.LogWarning("Twilio account {AccountId}: message {MessageId} not sent: {Reason}", account.Id, request.MessageId, rejected.ErrorReason);
            return rejected;
        }

        if (plan.Fallback is not null)
        {
            logger.LogInformation("Twilio account {AccountId}: message {MessageId}: {Fallback}", account.Id, request.MessageId, plan.Fallback);
        }

        var callback = StatusCallback(account.Id);
        var sids = new List<string>(plan.Parts.Count);
        for (var i = 0; i < plan.Parts.Count; i++)
        {
            var fields = new List<KeyValuePair<string, string>>(8) { new("To", to.ToWhatsAppAddress()) };
            fields.AddRange(from);
            fields.AddRange(plan.Parts[i]);
            if (callback is not null)
            {
                fields.Add(new("StatusCallback", callback));
            }

            // Each part is its own Twilio message, so each gets its own token.
            var token = i == 0 ? request.IdempotencyKey : $"{request.IdempotencyKey}:part{i + 1}";
            var result = await PostPartAsync(settings, fields, token, retries: i == 0 ? 0 : options.Value.PartRetries, ct);
            if (!result.Accepted)
            {
                if (i == 0)
                {
                    return result;
                }

                // Earlier parts reached Twilio: re-queueing the message would send them twice.
                logger.LogWarning("Twilio account {AccountId}: message {MessageId} part {Part}/{Parts} failed after {Sids} were sent: {Code} {Reason}",
                    account.Id, request.MessageId, i + 1, plan.Parts.Count, string.Join(",", sids), result.ErrorCode, result.ErrorReason);
                return SendResult.Permanent("partially_sent",
                    $"Sent {i} of {plan.Parts.Count} parts (first {sids[0]}); part {i + 1} failed and was not retried so the earlier parts are not sent twice: {result.ErrorReason}");
            }

            sids.Add(result.ProviderMessageId!);
        }

        if (sids.Count > 1)
        {
            logger.LogInformation("Twilio account {AccountId}: message {MessageId} sent as {Parts} messages: {Sids}", account.Id, request.MessageId, sids.Count, string.Join(",", sids));
        }

        return SendResult.Ok(sids[0]);
    }

    private static KeyValuePair<string, string>[] Sender(TwilioSettings settings, out string? problem)
    {
        problem = null;
        if (settings.From is { } from)
        {
            // Accept "+14155238886" as well as Twilio's "whatsapp:+14155238886".
            if (PhoneNumber.TryParse(from, null, out var number))
            {
                return settings.MessagingServiceSid is { } service
                    ? [new("From", number.ToWhatsAppAddress()), new("MessagingServiceSid", service)]
                    : [new("From", number.ToWhatsAppAddress())];
            }

            problem = $"The Twilio account's From setting must be a WhatsApp sender like whatsapp:+14155238886, not '{PhoneMask.Mask(from)}'.";
            return [];
        }

        if (settings.MessagingServiceSid is { } sid)
        {
            return [new("MessagingServiceSid", sid)];
        }

        problem = "The Twilio account has neither a From setting (whatsapp:+E164) nor a MessagingServiceSid.";
        return [];
    }

    private static bool TryRecipient(OutboundRequest request, out PhoneNumber to) =>
        PhoneNumber.TryParse(request.ToPhone, null, out to)
        || PhoneNumber.TryParse(request.To, null, out to)
        || PhoneNumber.TryParseWaId(request.To, out to);

    private string? StatusCallback(string accountId) => parley.Value.PublicBaseUrl is { Length: > 0 } baseUrl
        ? $"{baseUrl.TrimEnd('/')}/webhooks/twilio/{Uri.EscapeDataString(accountId)}"
        : null;

    private async Task<SendResult> PostPartAsync(TwilioSettings settings, List<KeyValuePair<string, string>> fields, string token, int retries, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var result = await PostAsync(settings, fields, token, ct);
            if (result.Accepted || !result.Transient || attempt >= retries)
            {
                return result;
            }

            var delay = result.RetryAfter is { } after ? (after > MaxPartRetryDelay ? MaxPartRetryDelay : after) : options.Value.PartRetryDelay * (attempt + 1);
            await Task.Delay(delay, time, ct);
        }
    }

    private async Task<SendResult> PostAsync(TwilioSettings settings, List<KeyValuePair<string, string>> fields, string token, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, $"{settings.AccountUrl}/Messages.json")
        {
            Content = new FormUrlEncodedContent(fields),
        };
        message.Headers.Authorization = settings.BasicAuth();
        message.Headers.TryAddWithoutValidation(IdempotencyHeader, token);

        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(message, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                return TwilioErrorClassifier.Classify(response.StatusCode, TwilioApiError.TryParse(body), RetryAfter(response));
            }

            return Accepted(response.StatusCode, body);
        }
        catch (HttpRequestException ex)
        {
            return SendResult.Retry("network", $"Twilio could not be reached: {ex.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return SendResult.Retry("timeout", $"Twilio did not answer within {options.Value.Timeout.TotalSeconds:0.#} seconds.");
        }
    }

    private sealed record MessageResource(string? Sid, string? Status, int? ErrorCode, string? ErrorMessage);

    private static SendResult Accepted(HttpStatusCode status, string body)
    {
        MessageResource? resource;
        try
        {
            resource = JsonSerializer.Deserialize<MessageResource>(body, SnakeCase);
        }
        catch (JsonException)
        {
            resource = null;
        }

        if (resource?.Sid is not { Length: > 0 } sid)
        {
            // Twilio may have queued it: retrying could send it twice, so this is not retried.
            return SendResult.Permanent("bad_response", $"Twilio answered HTTP {(int)status} without a message sid.");
        }

        if (resource.Status is "failed" or "undelivered" && resource.ErrorCode is { } code)
        {
            return TwilioErrorClassifier.Classify(status, new TwilioApiError(code, resource.ErrorMessage, null, (int)status));
        }

        return SendResult.Ok(sid);
    }

    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString };

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
