using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Messaging;
using Parley.Core.Startup;
using Parley.Core.Storage;

namespace Parley.Core.Outbound;

/// <summary>
/// Periodically puts back outbound messages whose retries ran out on transient errors (throttling, 5xx,
/// network), a few rounds apart, so an outage of the provider does not lose replies. Safe on several
/// instances: each retry is a conditional update of a failed message.
/// </summary>
public sealed class TransientRetryJob(
    Database database,
    MessageRetry retry,
    IOptions<TransientRetryOptions> options,
    TimeProvider time,
    StartupGate gate,
    ILogger<TransientRetryJob> logger) : AfterStartupService(gate)
{
    /// <summary>One pass; returns how many messages were put back.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = time.NowMs();
        IReadOnlyList<long> due;
        await using (var c = await database.OpenAsync(ct))
        {
            due = (await c.QueryAsync<long>(new CommandDefinition(
                """
                SELECT id FROM messages
                WHERE failed_transient = 1 AND process_state = 3 AND direction = 'outbound'
                  AND status_at <= @before AND created_at >= @after AND retry_rounds < @MaxRounds
                ORDER BY id LIMIT 500
                """,
                new { before = now - (long)o.Delay.TotalMilliseconds, after = now - (long)o.MaxAge.TotalMilliseconds, o.MaxRounds },
                cancellationToken: ct))).ToList();
        }

        var count = 0;
        foreach (var id in due)
        {
            await using (var c = await database.OpenAsync(ct))
            {
                await c.ExecuteAsync(new CommandDefinition(
                    "UPDATE messages SET retry_rounds = retry_rounds + 1, failed_transient = 0 WHERE id = @id AND process_state = 3",
                    new { id }, cancellationToken: ct));
            }

            if (await retry.RetryAsync(id, ct))
            {
                count++;
            }
        }

        if (count > 0)
        {
            logger.LogInformation("Put {Count} message(s) that failed on transient errors back in the outbound queue", count);
        }

        return count;
    }

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "The transient-failure retry pass failed; it runs again at the next interval");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
