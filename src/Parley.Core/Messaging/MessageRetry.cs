using Dapper;
using Parley.Core.Storage;
using Parley.Core.Work;

namespace Parley.Core.Messaging;

/// <summary>Puts a failed message back in its queue (inbound: processed again; outbound: sent again), attempts reset.</summary>
public sealed class MessageRetry(Database database, TimeProvider time, WorkSignals signals)
{
    /// <returns>False when the message does not exist or is not in the failed state.</returns>
    public async Task<bool> RetryAsync(long messageId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(c, ct);
        var conversationId = await c.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT conversation_id FROM messages WHERE id = @messageId", new { messageId }, tx, cancellationToken: ct));
        if (conversationId is null)
        {
            return false;
        }

        await Conversations.ConversationLocks.LockAsync(c, tx, conversationId.Value, ct);
        var direction = await c.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            UPDATE messages SET process_state = 1, attempts = 0, next_attempt_at = 0, last_error = NULL,
                status = CASE WHEN direction = 'outbound' THEN 'queued' ELSE status END
            WHERE id = @messageId AND process_state = 3
            RETURNING direction
            """,
            new { messageId }, tx, cancellationToken: ct));
        if (direction is null)
        {
            return false;
        }

        var lane = direction == StoredMessage.Inbound ? "in" : "out";
        await c.ExecuteAsync(new CommandDefinition(
            $"UPDATE conversations SET {lane}_pending = {lane}_pending + 1, {lane}_ready_at = @now WHERE id = (SELECT conversation_id FROM messages WHERE id = @messageId)",
            new { messageId, now = time.NowMs() }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        (direction == StoredMessage.Inbound ? signals.Inbound : signals.Outbound).Notify();
        return true;
    }
}
