using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Messaging;
using Parley.Core.Startup;
using Parley.Core.Storage;

namespace Parley.Core.Work;

/// <summary>
/// Claims conversations with work from a <see cref="ConversationLane"/> and processes each on its own task,
/// up to the configured concurrency. Woken in-process by a <see cref="WorkSignal"/>, and by a slow poll for
/// work from other instances and retries that come due.
/// </summary>
/// <remarks>
/// Claims start once the host has started (<see cref="IHostedLifecycleService.StartedAsync"/>): after the bots'
/// definitions are imported and the web server listens. An instance restarted under a backlog would otherwise spend
/// its start-up competing with its own workers for the CPU and the connection pool (a restart took 16–20 s under load).
/// </remarks>
public abstract class LaneWorker(
    ConversationLane lane,
    WorkSignal signal,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    InstanceIdentity instance,
    StartupGate gate,
    ILogger logger) : AfterStartupService(gate), IHostedLifecycleService
{
    private readonly TaskCompletionSource _hostStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Observability.LogThrottle _logThrottle = new(time);
    private int _running;

    // The last claim filled every free slot, so more work may be waiting: a finished conversation wakes the claim loop.
    private volatile bool _saturated;

    protected WorkerOptions Options { get; } = options.Value;
    protected TimeProvider Time { get; } = time;

    /// <summary>Messages read per round trip by <see cref="ProcessPendingAsync"/>.</summary>
    public const int BatchSize = 20;

    /// <summary>Processes the conversation's pending work in order, renewing the lease as it goes.</summary>
    protected abstract Task ProcessAsync(LaneLease lease, CancellationToken ct);

    /// <summary>
    /// The loop both queues share: the held conversation's pending messages, oldest first, read in batches; each is
    /// handed to <paramref name="handle"/> once it is due and the lease is renewed. It stops at a message not due yet
    /// (the lease's <see cref="LaneLease.ReadyAt"/> says when), when the lease is lost, when <paramref name="handle"/>
    /// returns false (it set <see cref="LaneLease.ReadyAt"/> or gave up), or when nothing is left.
    /// </summary>
    /// <param name="beforeBatch">Reads what a batch needs besides its messages (the outbound queue: the recipient).</param>
    protected async Task ProcessPendingAsync(
        LaneLease lease,
        Func<StoredMessage, CancellationToken, Task<bool>> handle,
        CancellationToken ct,
        Func<IReadOnlyList<StoredMessage>, CancellationToken, Task>? beforeBatch = null)
    {
        while (true)
        {
            var batch = await lane.PendingAsync(lease.ConversationId, BatchSize, ct);
            if (batch.Count == 0)
            {
                return;
            }

            if (beforeBatch is not null)
            {
                await beforeBatch(batch, ct);
            }

            foreach (var message in batch)
            {
                var due = message.NextAttemptAt.ToUnixTimeMilliseconds();
                if (due > Time.NowMs())
                {
                    lease.ReadyAt = due;
                    return;
                }

                if (!await lease.RenewAsync(ct))
                {
                    logger.LogWarning("Lost the lease on conversation {ConversationId} in the {Lane} queue; another worker has it", lease.ConversationId, lane.Name);
                    return;
                }

                if (!await handle(message, ct))
                {
                    return;
                }
            }

            if (batch.Count < BatchSize)
            {
                // All that was pending is done; what arrived since is reported by the release, which wakes the claim loop.
                return;
            }
        }
    }

    /// <summary>Runs one claim-and-process round to completion; for tests and the CLI.</summary>
    public async Task<int> DrainOnceAsync(CancellationToken ct)
    {
        var ids = await ClaimAsync(Options.Concurrency, ct);
        Interlocked.Add(ref _running, ids.Count);
        await Task.WhenAll(ids.Select(id => RunAsync(id, ct)));
        return ids.Count;
    }

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        if (!Options.Enabled)
        {
            return;
        }

        try
        {
            await _hostStarted.Task.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                var free = Options.Concurrency - Volatile.Read(ref _running);
                if (free > 0)
                {
                    var ids = await ClaimAsync(free, stoppingToken);
                    claimed = ids.Count;
                    _saturated = claimed == free;
                    foreach (var claim in ids)
                    {
                        Interlocked.Increment(ref _running);
                        _ = Task.Run(() => RunAsync(claim, stoppingToken), CancellationToken.None);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
            {
                LogUnavailable(ex);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Claiming work from the {Lane} queue failed; retrying", lane.Name);
            }

            if (claimed == 0)
            {
                try
                {
                    await signal.WaitAsync(Options.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken)
    {
        _hostStarted.TrySetResult();
        return Task.CompletedTask;
    }

    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The database, not the message, failed (down, restarting, or a pooled connection that did not survive a restart):
    /// the conversation is looked at again after the first backoff step and no attempt is counted against its message,
    /// so an outage never marks messages failed.
    /// </summary>
    protected void PostponeForDatabase(LaneLease lease, Exception error)
    {
        lease.ReadyAt = Time.NowMs() + (long)Options.Backoff(1, Random.Shared.NextDouble()).TotalMilliseconds;
        LogUnavailable(error);
    }

    /// <summary>One warning a minute while the database is away, not a stack trace per conversation and poll.</summary>
    private void LogUnavailable(Exception error)
    {
        if (_logThrottle.ShouldLog("database-unavailable", out var suppressed))
        {
            logger.LogWarning("The {Lane} queue cannot reach the database ({Error}); its work waits and is retried ({Suppressed} more since the last warning)",
                lane.Name, $"{error.GetType().Name}: {error.Message}", suppressed);
        }
    }

    private async Task<IReadOnlyList<(long Id, long Until)>> ClaimAsync(int max, CancellationToken ct)
    {
        var now = Time.NowMs();
        var until = now + (long)Options.LeaseDuration.TotalMilliseconds;
        var ids = await lane.ClaimAsync(instance.Id, max, now, until, ct);
        return ids.Select(id => (id, until)).ToList();
    }

    private async Task RunAsync((long Id, long Until) claimed, CancellationToken ct)
    {
        var conversationId = claimed.Id;
        var lease = new LaneLease(lane, conversationId, instance.Id, Options, Time, claimed.Until) { ReadyAt = 0 };
        try
        {
            await ProcessAsync(lease, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the lease expires and the work is picked up again.
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            PostponeForDatabase(lease, ex);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Processing conversation {ConversationId} in the {Lane} queue failed", conversationId, lane.Name);
            lease.ReadyAt = Time.NowMs() + (long)Options.BaseBackoff.TotalMilliseconds;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            await ReleaseAsync(lease, ct);
        }
    }

    /// <summary>
    /// Gives the conversation back. While the database is unavailable the release is tried again as long as the lease
    /// holds: a conversation whose release was lost would otherwise wait for its lease to run out
    /// (<see cref="WorkerOptions.LeaseDuration"/>, 30 s) after the database is back.
    /// </summary>
    private async Task ReleaseAsync(LaneLease lease, CancellationToken ct)
    {
        try
        {
            var pending = await RetryWhileUnavailableAsync(
                lease, () => lane.ReleaseAsync(lease.ConversationId, instance.Id, lease.ReadyAt, CancellationToken.None), TimeSpan.Zero, ct);
            if ((pending > 0 && lease.ReadyAt <= Time.NowMs()) || _saturated)
            {
                signal.Notify();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the lease expires and the conversation is claimed again.
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            // Its lease expires and the conversation is claimed again once the database is back.
            LogUnavailable(ex);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Releasing conversation {ConversationId} failed; its lease will expire", lease.ConversationId);
        }
    }

    /// <summary>
    /// Runs a write of the held conversation; while the database is unavailable (restarting, or a stale pooled connection
    /// after a restart) it is tried again, with backoff from 100 ms up to 2 s, as long as the lease still covers the
    /// next try plus <paramref name="spare"/>, so no other worker can have taken the conversation meanwhile. Then the
    /// error is thrown.
    /// </summary>
    protected async Task<T> RetryWhileUnavailableAsync<T>(LaneLease lease, Func<Task<T>> write, TimeSpan spare, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return await write();
            }
            catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex) && lease.Remaining > delay + spare)
            {
                LogUnavailable(ex);
                await Task.Delay(delay, Time, ct);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
            }
        }
    }
}
