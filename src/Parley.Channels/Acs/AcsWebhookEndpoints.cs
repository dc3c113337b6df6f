using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Parley.Channels.Webhooks;
using Parley.Core.Accounts;

namespace Parley.Channels.Acs;

/// <summary>
/// <c>POST</c> and <c>OPTIONS /webhooks/acs/{accountId}?code=…</c>: Event Grid deliveries of ACS Advanced Messaging events.
/// </summary>
/// <remarks>
/// Event Grid does not sign webhook deliveries; the subscription URL carries the account's <c>WebhookSecret</c> as
/// <c>?code=</c>, compared in constant time. Event Grid sends every request of a subscription — the Event Grid
/// schema's validation event and the CloudEvents abuse-protection <c>OPTIONS</c> handshake included — to the exact URL
/// registered, query string and all, so the code is required on both verbs: without it Parley does not consent
/// (401), and no one can make Parley agree to receive a stranger's traffic. Order of checks: unknown account 404 (no
/// detail), wrong or missing code 401, body over 3 MiB 413; then store (a delivery that is not JSON events is kept as a
/// failed event) and answer 200.
/// </remarks>
public static class AcsWebhookEndpoints
{
    public const string RequestOriginHeader = "WebHook-Request-Origin";
    public const string AllowedOriginHeader = "WebHook-Allowed-Origin";
    public const string AllowedRateHeader = "WebHook-Allowed-Rate";

    public static RouteGroupBuilder MapAcsWebhooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/webhooks/acs/{accountId}").WithTags("Webhooks").ExcludeFromDescription();
        group.MapPost("", ReceiveAsync).DisableAntiforgery();
        group.MapMethods("", [HttpMethods.Options], HandshakeAsync);
        return group;
    }

    private static async Task<IResult> ReceiveAsync(
        string accountId, HttpRequest request, AccountRegistry accounts, VerifiedDeliveries deliveries, TimeProvider time, ILoggerFactory logs,
        WebhookRejections rejections, CancellationToken ct)
    {
        var account = await accounts.FindEnabledAsync(accountId, Providers.Acs, ct);
        if (account is null)
        {
            rejections.Count(Providers.Acs, WebhookRejections.UnknownAccount);
            return TypedResults.NotFound();
        }

        var logger = logs.CreateLogger(typeof(AcsWebhookEndpoints).FullName!);
        if (!CodeMatches(account, request))
        {
            if (rejections.Reject(Providers.Acs, account.Id, WebhookRejections.Signature, out var suppressed))
            {
                // At most once a minute per account; every one is counted in parley_webhooks_rejected_total.
                logger.LogWarning("ACS webhook for account {AccountId} refused: missing or wrong ?code= ({Suppressed} more refused since the last warning)", account.Id, suppressed);
            }

            return TypedResults.Unauthorized();
        }

        var body = await WebhookBody.ReadAsync(request, ct);
        if (body is null)
        {
            if (rejections.Reject(Providers.Acs, account.Id, WebhookRejections.TooLarge, out var held))
            {
                logger.LogWarning("ACS webhook for account {AccountId} refused: the body is over {Limit} bytes ({Suppressed} more since the last warning)", account.Id, WebhookBody.MaxBytes, held);
            }

            return WebhookBody.TooLarge();
        }

        // Verified: from here on the delivery is never lost. Parsed leniently (what cannot be decoded is replaced);
        // kept as a failed event, with its exact bytes, when it cannot be parsed at all.
        var text = WebhookText.CleanJson(WebhookText.Decode(body));
        AcsWebhookParseResult parsed;
        try
        {
            parsed = AcsWebhookParser.Parse(accountId, Encoding.UTF8.GetBytes(text), request.ContentType, account.Setting(AcsAccountSettings.ChannelRegistrationIdKey), time.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await deliveries.KeepUnparsedAsync(accountId, Providers.Acs, request.ContentType, text, body, ex, ct);
            return TypedResults.Ok();
        }

        // Acknowledged only once stored: a database that is away is a 503 and Event Grid delivers again. Everything but
        // a bare subscription handshake is stored, even a delivery with no event Parley knows.
        if (parsed.HasContent || parsed.ValidationCode is null)
        {
            if (await deliveries.StoreAsync(parsed.Batch, body, ct) is { } stored)
            {
                logger.LogDebug("ACS webhook for {AccountId}: {New} new messages, {Duplicates} duplicates, {Statuses} statuses, {Other} other events",
                    accountId, stored.NewMessageIds.Count, stored.DuplicateMessages, stored.Statuses, parsed.Batch.OtherEvents.Count);
            }
        }

        if (parsed.ValidationCode is { } code)
        {
            logger.LogInformation("Event Grid subscription validated for ACS account {AccountId}", accountId);
            return TypedResults.Ok(new AcsValidationResponse(code));
        }

        return TypedResults.Ok();
    }

    /// <summary>CloudEvents 1.0 abuse protection: consent to deliveries from the requesting origin, at any rate.</summary>
    private static async Task<IResult> HandshakeAsync(
        string accountId, HttpRequest request, HttpResponse response, AccountRegistry accounts, WebhookRejections rejections, ILoggerFactory logs, CancellationToken ct)
    {
        var account = await accounts.FindEnabledAsync(accountId, Providers.Acs, ct);
        if (account is null)
        {
            rejections.Count(Providers.Acs, WebhookRejections.UnknownAccount);
            return TypedResults.NotFound();
        }

        if (!CodeMatches(account, request))
        {
            if (rejections.Reject(Providers.Acs, account.Id, WebhookRejections.Signature, out var suppressed))
            {
                logs.CreateLogger(typeof(AcsWebhookEndpoints).FullName!).LogWarning(
                    "ACS webhook handshake for account {AccountId} refused: missing or wrong ?code= ({Suppressed} more refused since the last warning)", account.Id, suppressed);
            }

            return TypedResults.Unauthorized();
        }

        response.Headers.Allow = "POST, OPTIONS";
        var origin = request.Headers[RequestOriginHeader].ToString().Trim();
        if (origin.Length > 0)
        {
            // Echo the origin (Event Grid sends eventgrid.azure.net); the spec allows '*' too.
            response.Headers[AllowedOriginHeader] = origin;
            response.Headers[AllowedRateHeader] = "*";
        }

        return TypedResults.Ok();
    }

    /// <summary>Constant-time comparison of <c>?code=</c> with the account's secret; no secret configured means no access.</summary>
    public static bool CodeMatches(Account account, HttpRequest request)
    {
        var secret = account.Secret(AcsAccountSettings.WebhookSecretKey);
        var codes = request.Query["code"];
        if (secret is null || codes.Count != 1 || string.IsNullOrEmpty(codes[0]))
        {
            return false;
        }

        // Hashing first gives both sides the same length, so the comparison time says nothing about the secret.
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(codes[0]!));
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
