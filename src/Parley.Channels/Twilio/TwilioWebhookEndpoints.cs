using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Channels.Webhooks;
using Parley.Core.Accounts;
using Parley.Core.Hosting;
using Parley.Core.Messaging;

namespace Parley.Channels.Twilio;

/// <summary>
/// <c>POST /webhooks/twilio/{accountId}</c>: incoming messages and status callbacks. Verify the signature, store
/// durably, answer empty TwiML; the workers do the rest.
/// </summary>
public static class TwilioWebhookEndpoints
{
    /// <summary>Empty TwiML: Parley replies through the API, never in the webhook answer.</summary>
    public const string EmptyTwiml = "<Response></Response>";

    public static IEndpointRouteBuilder MapTwilioWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/twilio/{accountId}", ReceiveAsync)
            .WithTags("Webhooks")
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        string accountId,
        HttpRequest request,
        AccountRegistry accounts,
        VerifiedDeliveries deliveries,
        IOptions<ParleyOptions> parley,
        TimeProvider time,
        ILoggerFactory logs,
        WebhookRejections rejections,
        CancellationToken ct)
    {
        var logger = logs.CreateLogger(typeof(TwilioWebhookEndpoints));
        var account = await accounts.FindEnabledAsync(accountId, Providers.Twilio, ct);
        if (account is null)
        {
            rejections.Count(Providers.Twilio, WebhookRejections.UnknownAccount);
            return TypedResults.NotFound();
        }

        var body = await WebhookBody.ReadAsync(request, ct);
        if (body is null)
        {
            if (rejections.Reject(Providers.Twilio, account.Id, WebhookRejections.TooLarge, out var held))
            {
                logger.LogWarning("Twilio webhook for account {AccountId} refused: the body is over {Limit} bytes ({Suppressed} more since the last warning)", account.Id, WebhookBody.MaxBytes, held);
            }

            return WebhookBody.TooLarge();
        }

        var settings = TwilioSettings.Read(account, out var problem);
        if (settings is null)
        {
            if (rejections.Reject(Providers.Twilio, account.Id, WebhookRejections.NoSecret, out var held))
            {
                logger.LogWarning("Twilio webhook for account {AccountId} refused: {Problem} ({Suppressed} more since the last warning)", account.Id, problem, held);
            }

            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        var url = SignedUrl(request, parley.Value.PublicBaseUrl);
        var signature = request.Headers[TwilioRequestValidator.SignatureHeader].ToString();
        var rawBody = Encoding.UTF8.GetString(body);
        var isJson = request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
        var form = isJson ? new TwilioForm([]) : TwilioForm.Parse(rawBody);
        var valid = isJson
            ? TwilioRequestValidator.IsValidJsonBody(url, body, signature, settings.AuthToken)
            : TwilioRequestValidator.IsValid(url, form.Fields, signature, settings.AuthToken);
        if (!valid)
        {
            if (rejections.Reject(Providers.Twilio, account.Id, WebhookRejections.Signature, out var suppressed))
            {
                // At most once a minute per account (all are counted in parley_webhooks_rejected_total); the URL without
                // its query, which may carry a secret of its own.
                logger.LogWarning("Twilio webhook for account {AccountId} refused: {Reason} (checked against {Url}; set Parley:PublicBaseUrl to the URL configured in Twilio; {Suppressed} more refused since the last warning)",
                    account.Id, string.IsNullOrEmpty(signature) ? "no X-Twilio-Signature" : "the signature does not match", url.Split('?')[0], suppressed);
            }

            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        // Verified: from here on the delivery is never lost. The fields are made well-formed for parsing (lone
        // surrogates and NULs from %-escapes replaced); a form that cannot be parsed is kept as a failed event.
        var text = WebhookText.Decode(body);
        InboundBatch batch;
        try
        {
            batch = isJson
                ? new InboundBatch(account.Id, Providers.Twilio, text) { ContentType = request.ContentType, OtherEvents = ["twilio:json"] }
                : TwilioWebhookParser.Parse(account.Id, new TwilioForm(form.Fields.Select(f => KeyValuePair.Create(WebhookText.Clean(f.Key), WebhookText.Clean(f.Value)))),
                    text, request.ContentType, time.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await deliveries.KeepUnparsedAsync(account.Id, Providers.Twilio, request.ContentType, text, body, ex, ct);
            return TypedResults.Text(EmptyTwiml, "text/xml", Encoding.UTF8);
        }

        await deliveries.StoreAsync(batch, body, ct);
        return TypedResults.Text(EmptyTwiml, "text/xml", Encoding.UTF8);
    }

    /// <summary>
    /// The URL Twilio signed: <c>Parley:PublicBaseUrl</c> (scheme, host, port and any path prefix a proxy removes)
    /// or else this request's scheme and host, then the request target exactly as received (path and query, still
    /// escaped as sent).
    /// </summary>
    public static string SignedUrl(HttpRequest request, string? publicBaseUrl)
    {
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/')
        {
            target = $"{request.PathBase}{request.Path}{request.QueryString}";
        }

        var baseUrl = string.IsNullOrWhiteSpace(publicBaseUrl)
            ? $"{request.Scheme}://{request.Host}"
            : publicBaseUrl.Trim().TrimEnd('/');
        return baseUrl + target;
    }
}
