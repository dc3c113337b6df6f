using Dapper;
using Microsoft.Extensions.Options;
using Parley.Core.Media;
using Parley.Core.Storage;

namespace Parley.Core.Maintenance;

/// <summary>
/// Deletes what has outlived its retention (<see cref="RetentionOptions"/>): processed webhook events, parked statuses,
/// finished outgoing webhook deliveries and, when configured, orphaned media; then each module's
/// <see cref="IRetentionTask"/> (its own tables). The one implementation behind both the <c>cleanup</c> command and the
/// <see cref="RetentionJob"/>. Deletes in small batches (<see cref="RetentionBatches"/>); the rest waits for the next pass.
/// </summary>
public sealed class RetentionCleaner(
    Database database,
    RetentionBatches batches,
    IEnumerable<IRetentionTask> modules,
    IMediaStore mediaStore,
    IOptions<RetentionOptions> options,
    TimeProvider time)
{
    private RetentionOptions Options => options.Value;

    public async Task<RetentionResult> RunAsync(CancellationToken ct = default)
    {
        var now = time.NowMs();
        var o = Options;
        // Failed events are kept: they are what an operator replays.
        var webhookEvents = await batches.DeleteAsync(
            "DELETE FROM webhook_events WHERE id IN (SELECT id FROM webhook_events WHERE state = 'stored' AND received_at < @cutoff ORDER BY id LIMIT @batch)",
            now - (long)o.WebhookEvents.TotalMilliseconds, ct);
        var pendingStatuses = await batches.DeleteAsync(
            "DELETE FROM pending_statuses WHERE id IN (SELECT id FROM pending_statuses WHERE received_at < @cutoff ORDER BY id LIMIT @batch)",
            now - (long)o.PendingStatuses.TotalMilliseconds, ct);
        var deliveries = await batches.DeleteAsync(
            "DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries WHERE state <> 'pending' AND created_at < @cutoff ORDER BY id LIMIT @batch)",
            now - (long)o.WebhookDeliveries.TotalMilliseconds, ct);

        long media = 0;
        if (o.Media is { } keepMedia)
        {
            media = await DeleteOrphanedMediaAsync(now - (long)keepMedia.TotalMilliseconds, ct);
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var module in modules.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            counts[module.Name] = await module.RunAsync(ct);
        }

        return new RetentionResult(webhookEvents, pendingStatuses, deliveries, media) { Modules = counts };
    }

    /// <summary>Media rows older than the cutoff that no message's content mentions; the store deletes file and row.</summary>
    private async Task<long> DeleteOrphanedMediaAsync(long cutoff, CancellationToken ct)
    {
        var batch = Math.Min(Options.BatchSize, 500);
        long total = 0;
        for (var i = 0; i < RetentionBatches.MaxBatches; i++)
        {
            List<string> ids;
            await using (var c = await database.OpenAsync(ct))
            {
                ids = (await c.QueryAsync<string>(new CommandDefinition(
                    """
                    SELECT id FROM media
                    WHERE created_at < @cutoff
                      AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.content LIKE '%' || media.id || '%')
                    ORDER BY created_at
                    LIMIT @batch
                    """,
                    new { cutoff, batch }, cancellationToken: ct))).ToList();
            }

            var deleted = 0;
            foreach (var id in ids)
            {
                if (await mediaStore.DeleteAsync(id, ct))
                {
                    deleted++;
                }
            }

            total += deleted;
            // A batch that deleted nothing would be selected again: stop rather than spin.
            if (ids.Count < batch || deleted == 0)
            {
                break;
            }
        }

        return total;
    }
}
