using System.Globalization;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Media;
using Parley.Core.Storage;
using Parley.Core.Work;

namespace Parley.Core.Maintenance;

/// <summary>What one retention run deleted.</summary>
public sealed record RetentionRun(long WebhookEvents, long PendingStatuses, long Media, long InteractionLogs, bool InteractionLogsTableMissing)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"webhook_events={WebhookEvents} pending_statuses={PendingStatuses} media={Media} interaction_logs={(InteractionLogsTableMissing ? "table missing" : InteractionLogs)}");
}

/// <summary>
/// Deletes what has outlived its retention (<see cref="RetentionOptions"/>), hourly by default, on one instance at a time
/// (a <see cref="JobLease"/>): each instance checks now and then, and only the one that takes the lease runs. Deletes in
/// small batches, each its own transaction, and stops after a bounded number of batches per run.
/// </summary>
public sealed class RetentionJob(
    Database database,
    JobLease leases,
    IMediaStore mediaStore,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    InstanceIdentity instance,
    ILogger<RetentionJob> logger) : BackgroundService
{
    public const string LeaseName = "retention";

    /// <summary>A run that takes longer than this is presumed dead and may be taken over.</summary>
    public static readonly TimeSpan RunLease = TimeSpan.FromMinutes(15);

    /// <summary>Upper bound on batches per table per run; the rest waits for the next run.</summary>
    public const int MaxBatchesPerTable = 200;

    private RetentionOptions Options => options.Value;

    /// <summary>Runs once if this instance gets the lease (no run due or another instance running: null).</summary>
    public async Task<RetentionRun?> RunOnceAsync(CancellationToken ct = default)
    {
        var now = time.NowMs();
        if (!await leases.TryAcquireAsync(LeaseName, instance.Id, now, now + (long)RunLease.TotalMilliseconds, ct))
        {
            return null;
        }

        RetentionRun run;
        try
        {
            run = await DeleteExpiredAsync(now, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Try again sooner than a full interval, but not in a tight loop.
            var retry = now + (long)Math.Min(Options.Interval.TotalMilliseconds, TimeSpan.FromMinutes(5).TotalMilliseconds);
            await leases.CompleteAsync(LeaseName, instance.Id, time.NowMs(), retry, $"failed: {ex.GetType().Name}: {ex.Message}", CancellationToken.None);
            throw;
        }

        await leases.CompleteAsync(LeaseName, instance.Id, time.NowMs(), now + (long)Options.Interval.TotalMilliseconds, run.ToString(), ct);
        logger.LogInformation("Retention run deleted {Run}", run.ToString());
        return run;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Enabled)
        {
            return;
        }

        // Checks more often than it runs: another instance may have taken the last run, or died holding it.
        var check = TimeSpan.FromMilliseconds(Math.Min(Options.Interval.TotalMilliseconds, TimeSpan.FromMinutes(5).TotalMilliseconds));
        try
        {
            // Not during start-up: let the instance begin serving first.
            await Task.Delay(TimeSpan.FromSeconds(30 + Random.Shared.Next(30)), time, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Retention run failed; it will be tried again");
                }

                await Task.Delay(check * (0.8 + (0.4 * Random.Shared.NextDouble())), time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task<RetentionRun> DeleteExpiredAsync(long now, CancellationToken ct)
    {
        var webhookEvents = await DeleteInBatchesAsync(
            "DELETE FROM webhook_events WHERE id IN (SELECT id FROM webhook_events WHERE received_at < @cutoff ORDER BY id LIMIT @batch)",
            now - (long)Options.WebhookEvents.TotalMilliseconds, ct);
        var pendingStatuses = await DeleteInBatchesAsync(
            "DELETE FROM pending_statuses WHERE id IN (SELECT id FROM pending_statuses WHERE received_at < @cutoff ORDER BY id LIMIT @batch)",
            now - (long)Options.PendingStatuses.TotalMilliseconds, ct);

        long interactionLogs = 0;
        var tableMissing = false;
        if (Options.InteractionLogs is { } keepLogs)
        {
            var table = Options.InteractionLogsTable;
            if (await TableExistsAsync(table, ct))
            {
                interactionLogs = await DeleteInBatchesAsync(
                    $"DELETE FROM {table} WHERE id IN (SELECT id FROM {table} WHERE created_at < @cutoff ORDER BY id LIMIT @batch)",
                    now - (long)keepLogs.TotalMilliseconds, ct);
            }
            else
            {
                tableMissing = true;
            }
        }

        long media = 0;
        if (Options.Media is { } keepMedia)
        {
            media = await DeleteOrphanedMediaAsync(now - (long)keepMedia.TotalMilliseconds, ct);
        }

        return new RetentionRun(webhookEvents, pendingStatuses, media, interactionLogs, tableMissing);
    }

    private async Task<long> DeleteInBatchesAsync(string sql, long cutoff, CancellationToken ct)
    {
        long total = 0;
        for (var i = 0; i < MaxBatchesPerTable; i++)
        {
            int deleted;
            await using (var c = await database.OpenAsync(ct))
            await using (var tx = await database.BeginWriteAsync(c, ct))
            {
                deleted = await c.ExecuteAsync(new CommandDefinition(sql, new { cutoff, batch = Options.BatchSize }, tx, cancellationToken: ct));
                await tx.CommitAsync(ct);
            }

            total += deleted;
            if (deleted < Options.BatchSize)
            {
                break;
            }
        }

        return total;
    }

    /// <summary>Media rows older than the cutoff that no message's content mentions; the store deletes file and row.</summary>
    private async Task<long> DeleteOrphanedMediaAsync(long cutoff, CancellationToken ct)
    {
        long total = 0;
        for (var i = 0; i < MaxBatchesPerTable; i++)
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
                    new { cutoff, batch = Math.Min(Options.BatchSize, 500) }, cancellationToken: ct))).ToList();
            }

            foreach (var id in ids)
            {
                if (await mediaStore.DeleteAsync(id, ct))
                {
                    total++;
                }
            }

            if (ids.Count < Math.Min(Options.BatchSize, 500) || total == 0)
            {
                break;
            }
        }

        return total;
    }

    private async Task<bool> TableExistsAsync(string table, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var sql = database.Kind == DatabaseKind.Postgres
            ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @table"
            : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @table";
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(sql, new { table }, cancellationToken: ct)) > 0;
    }
}
