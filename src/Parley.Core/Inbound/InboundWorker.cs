using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Messaging;
using Parley.Core.Startup;
using Parley.Core.Storage;
using Parley.Core.Work;

namespace Parley.Core.Inbound;

/// <summary>The inbound queue: processes each conversation's stored messages in order, retrying with backoff.</summary>
public sealed class InboundWorker(
    Database database,
    InboundProcessor processor,
    WorkSignals signals,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    InstanceIdentity instance,
    StartupGate gate,
    ILogger<InboundWorker> logger,
    Observability.ParleyMetrics metrics)
    : LaneWorker(new ConversationLane(database, "in"), signals.Inbound, options, time, instance, gate, logger)
{
    protected override Task ProcessAsync(LaneLease lease, CancellationToken ct) =>
        ProcessPendingAsync(lease, async (message, token) =>
        {
            try
            {
                await processor.ProcessAsync(message, token);
                return true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
                return await RecordFailureAsync(lease, message, ex, token);
            }
        }, ct);

    /// <summary>Returns true when the message was given up on and the conversation can go on.</summary>
    private async Task<bool> RecordFailureAsync(LaneLease lease, StoredMessage message, Exception error, CancellationToken ct)
    {
        if (DatabaseErrors.IsUnavailable(error))
        {
            // Not the message's fault: after a PostgreSQL restart the first commands on stale pooled connections fail,
            // and counting those would mark good messages failed. Nothing is written (the database may be away); the
            // release, or the lease running out, brings the conversation back.
            PostponeForDatabase(lease, error);
            return false;
        }

        var attempts = message.Attempts + 1;
        var giveUp = attempts >= Options.MaxAttempts;
        var now = Time.NowMs();
        var next = now + (long)Options.Backoff(attempts, Random.Shared.NextDouble()).TotalMilliseconds;
        var reason = $"{error.GetType().Name}: {error.Message}";
        if (reason.Length > 2000)
        {
            reason = reason[..2000];
        }

        metrics.InboundFailed(giveUp);
        logger.LogWarning(error, "Inbound message {MessageId} failed (attempt {Attempt} of {Max}){GiveUp}",
            message.Id, attempts, Options.MaxAttempts, giveUp ? "; marked failed" : "");
        await database.WriteAsync(async w =>
        {
            await Conversations.ConversationLocks.LockAsync(w.Connection, w.Transaction, message.ConversationId, w.CancellationToken);
            await w.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE messages SET attempts = @attempts, last_error = @reason, next_attempt_at = @next, process_state = @state WHERE id = @Id AND process_state = 1",
                new { attempts, reason, next, state = giveUp ? ProcessStates.Failed : ProcessStates.Pending, message.Id }, w.Transaction, cancellationToken: w.CancellationToken));
            if (giveUp)
            {
                await w.Connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE conversations SET in_pending = in_pending - 1 WHERE id = @ConversationId", new { message.ConversationId }, w.Transaction, cancellationToken: w.CancellationToken));
            }

            return true;
        }, ct);
        if (!giveUp)
        {
            lease.ReadyAt = next;
        }

        return giveUp;
    }
}
