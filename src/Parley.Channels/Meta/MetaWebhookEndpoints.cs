using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Parley.Channels.Webhooks;
using Parley.Core.Accounts;
using Parley.Core.Inbound;
using Parley.Core.Observability;

namespace Parley.Channels.Meta;

/// <summary>
/// Meta's webhook for one account: the subscription handshake (GET) and deliveries (POST). A delivery is verified
/// against the app secret, parsed, stored durably and only then acknowledged; the workers do the rest.
/// </summary>
public static class MetaWebhookEndpoints
{
    public static RouteGroupBuilder MapMetaWebhooks(this IEndpointRouteBuilder app)
    {
        // Described by hand in the API document (the handlers read the raw body, so the generator cannot see it).
        var group = app.MapGroup("/webhooks/meta").WithTags("Webhooks").ExcludeFromDescription();
        group.MapGet("/{accountId}", VerifyAsync);
        group.MapPost("/{accountId}", ReceiveAsync).DisableAntiforgery();
        return group;
    }

    /// <summary><c>hub.mode=subscribe</c> with the account's verify token: answer <c>hub.challenge</c> as plain text.</summary>
    private static async Task<IResult> VerifyAsync(string accountId, HttpRequest request, AccountRegistry accounts, CancellationToken ct)
    {
        if (await accounts.FindEnabledAsync(accountId, Providers.Meta, ct) is not { } account)
        {
            return TypedResults.NotFound();
        }

        var expected = MetaAccount.From(account).VerifyToken;
        var mode = request.Query["hub.mode"].ToString();
        var token = request.Query["hub.verify_token"].ToString();
        if (expected is null || mode != "subscribe" || !SameSecret(token, expected))
        {
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        // Echoed unchanged (Meta's SDK does the same), never JSON-encoded.
        return TypedResults.Text(request.Query["hub.challenge"].ToString(), "text/plain", Encoding.UTF8);
    }

    private static async Task<IResult> ReceiveAsync(
        string accountId,
        HttpRequest request,
        AccountRegistry accounts,
        MetaWebhookParser parser,
        IntakeStore intake,
        MetaTemplateStore templates,
        AccountAlerts alerts,
        ILoggerFactory logs,
        ParleyMetrics metrics,
        LogThrottle throttle,
        CancellationToken ct)
    {
        if (await accounts.FindEnabledAsync(accountId, Providers.Meta, ct) is not { } account)
        {
            metrics.WebhookRejected(Providers.Meta, "unknown_account");
            return TypedResults.NotFound();
        }

        var body = await WebhookBody.ReadAsync(request, ct);
        if (body is null)
        {
            metrics.WebhookRejected(Providers.Meta, "too_large");
            return WebhookBody.TooLarge();
        }

        var logger = logs.CreateLogger(typeof(MetaWebhookEndpoints));
        var meta = MetaAccount.From(account);
        if (meta.AppSecret is null)
        {
            logger.LogWarning("Meta webhook for account {AccountId} refused: the account has no AppSecret to verify it with", accountId);
            metrics.WebhookRejected(Providers.Meta, "no_secret");
            return TypedResults.Unauthorized();
        }

        if (!MetaSignature.IsValid(body, request.Headers[MetaSignature.HeaderName].ToString(), meta.AppSecret))
        {
            if (throttle.ShouldLog($"meta-signature:{accountId}", out var suppressed))
            {
                // At most once a minute per account: a flood of forged deliveries must not become a flood of log lines.
                logger.LogWarning("Meta webhook for account {AccountId} refused: missing or wrong {Header} ({Suppressed} more refused since the last warning; all are counted in parley_webhooks_rejected_total)",
                    accountId, MetaSignature.HeaderName, suppressed);
            }

            metrics.WebhookRejected(Providers.Meta, "signature");
            return TypedResults.Unauthorized();
        }

        MetaWebhook webhook;
        try
        {
            webhook = parser.Parse(accountId, body, meta.PhoneNumberId);
        }
        catch (JsonException ex)
        {
            metrics.WebhookRejected(Providers.Meta, "malformed");
            return TypedResults.Problem($"The body is not valid JSON: {ex.Message}", statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON");
        }

        var stored = await intake.StoreAsync(webhook.Batch, ct);
        logger.LogDebug("Meta webhook for {AccountId}: {New} new messages, {Duplicates} duplicates, {Statuses} statuses, {Other} other events",
            accountId, stored.NewMessageIds.Count, stored.DuplicateMessages, stored.Statuses, webhook.Batch.OtherEvents.Count);
        if (webhook.ForeignChanges > 0)
        {
            logger.LogWarning("Meta webhook for account {AccountId} carried {Count} change(s) for another phone number than {PhoneNumberId}; they were stored as other events, not as this account's messages",
                accountId, webhook.ForeignChanges, meta.PhoneNumberId);
        }

        if (webhook.TemplateEvents.Count > 0)
        {
            await ApplyTemplateEventsAsync(account, webhook.TemplateEvents, accounts, templates, logger, ct);
        }

        foreach (var alert in webhook.AccountAlerts)
        {
            // The delivery is stored already (other events); an alert that cannot be recorded is logged, not redelivered.
            try
            {
                await alerts.RecordAsync(alert, ct);
                logger.LogInformation("Meta account {AccountId}: {Kind} {Type} ({Severity})", accountId, alert.Kind, alert.Type, alert.Severity);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Meta account {AccountId}: recording {Kind} {Type} failed", accountId, alert.Kind, alert.Type);
            }
        }

        return TypedResults.Ok();
    }

    /// <summary>Template changes concern every Meta account of that WhatsApp Business Account, not only the one called.</summary>
    private static async Task ApplyTemplateEventsAsync(
        Account account, IReadOnlyList<MetaTemplateEvent> events, AccountRegistry accounts, MetaTemplateStore templates, ILogger logger, CancellationToken ct)
    {
        try
        {
            var all = await accounts.ListAsync(ct);
            foreach (var change in events)
            {
                var targets = all
                    .Where(a => a.Provider == Providers.Meta && a.Setting("BusinessAccountId") == change.BusinessAccountId)
                    .Select(a => a.Id)
                    .Append(account.Id)
                    .Where(id => id != account.Id || account.Setting("BusinessAccountId") is null || account.Setting("BusinessAccountId") == change.BusinessAccountId);
                var changed = await templates.ApplyAsync(targets, change, ct);
                logger.LogInformation("Meta template {Template} ({Language}) {Field} {Event}{Category}: {Rows} row(s) updated",
                    change.Name, change.Language, change.Field, change.Event, change.NewCategory, changed);
            }
        }
        catch (System.Data.Common.DbException ex)
        {
            // The raw event is stored with the webhook; the next template sync brings the table up to date anyway.
            logger.LogWarning(ex, "Meta template events for account {AccountId} were not applied", account.Id);
        }
    }

    private static bool SameSecret(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
