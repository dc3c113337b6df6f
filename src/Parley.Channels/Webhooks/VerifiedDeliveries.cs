using Microsoft.Extensions.Logging;
using Parley.Core.Inbound;
using Parley.Core.Messaging;
using Parley.Core.Observability;
using Parley.Core.Storage;

namespace Parley.Channels.Webhooks;

/// <summary>
/// The rule for a delivery that passed its provider's verification: it is never lost. What was parsed is stored
/// with the delivery's text (and its exact bytes when the text could not hold them); a delivery that cannot be parsed,
/// or whose parsed content cannot be stored, is kept as a failed webhook event to inspect and replay, and the provider
/// is answered 2xx either way, so it does not redeliver it forever. Only a database that is away answers 503 (the
/// provider redelivers later and nothing is lost).
/// </summary>
public sealed class VerifiedDeliveries(IntakeStore intake, WebhookEventStore events, LogThrottle throttle, ILogger<VerifiedDeliveries> logger)
{
    /// <summary>Stores a parsed delivery; null when it was kept as a failed event instead.</summary>
    public async Task<IntakeResult?> StoreAsync(InboundBatch batch, byte[] body, CancellationToken ct)
    {
        batch = batch with { RawBytes = WebhookText.IsExact(body, batch.RawBody) ? null : body };
        try
        {
            return await intake.StoreAsync(batch, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !DatabaseErrors.IsUnavailable(ex))
        {
            await KeepAsync(batch.AccountId, batch.Provider, batch.ContentType, batch.RawBody, body, $"Could not be stored: {ex.GetType().Name}: {ex.Message}", ct);
            return null;
        }
    }

    /// <summary>Keeps a verified delivery that could not be parsed, with the reason, as a failed event.</summary>
    public Task KeepUnparsedAsync(string accountId, string provider, string? contentType, string text, byte[] body, Exception reason, CancellationToken ct) =>
        KeepAsync(accountId, provider, contentType, text, body, $"Could not be parsed: {reason.GetType().Name}: {reason.Message}", ct);

    private async Task KeepAsync(string accountId, string provider, string? contentType, string text, byte[] body, string reason, CancellationToken ct)
    {
        var id = await events.RecordFailedAsync(accountId, provider, contentType, text, reason, ct, WebhookText.IsExact(body, text) ? null : body);
        if (throttle.ShouldLog($"webhook-unparsed:{provider}:{accountId}", out var suppressed))
        {
            logger.LogWarning("A verified {Provider} webhook for account {AccountId} was kept as failed event {EventId} (replay it with `webhooks replay --id`): {Reason} ({Suppressed} more since the last warning)",
                provider, accountId, id, LogText.Safe(reason), suppressed);
        }
    }
}
