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
    IEnumerable<IMediaReferences> mediaReferences,
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

    /// <summary>
    /// Media rows older than the cutoff that no message's content mentions and no module uses (<see cref="IMediaReferences"/>);
    /// the store deletes file and row. Walks forward by (created_at, id), so media a module keeps is passed, not selected again.
    /// </summary>
    private async Task<long> DeleteOrphanedMediaAsync(long cutoff, CancellationToken ct)
    {
        var batch = Math.Min(Options.BatchSize, 500);
        long total = 0;
        (long CreatedAt, string Id) after = (long.MinValue, "");
        for (var i = 0; i < RetentionBatches.MaxBatches; i++)
        {
            List<(string Id, long CreatedAt)> rows;
            await using (var c = await database.OpenAsync(ct))
            {
                rows = (await c.QueryAsync<(string, long)>(new CommandDefinition(
                    """
                    SELECT id, created_at FROM media
                    WHERE created_at < @cutoff AND (created_at > @afterCreated OR (created_at = @afterCreated AND id > @afterId))
                      AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.content LIKE '%' || media.id || '%')
                    ORDER BY created_at, id
                    LIMIT @batch
                    """,
                    new { cutoff, afterCreated = after.CreatedAt, afterId = after.Id, batch }, cancellationToken: ct))).ToList();
            }

            if (rows.Count == 0)
            {
                break;
            }

            after = (rows[^1].CreatedAt, rows[^1].Id);
            var ids = rows.Select(r => r.Id).ToList();
            foreach (var references in mediaReferences)
            {
                var used = await references.InUseAsync(ids, ct);
                ids.RemoveAll(used.Contains);
            }

            foreach (var id in ids)
            {
                if (await mediaStore.DeleteAsync(id, ct))
                {
                    total++;
                }
            }

            if (rows.Count < batch)
            {
                break;
            }
        }

        return total;
    }
}
