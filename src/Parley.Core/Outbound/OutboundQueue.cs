using System.Data.Common;
using System.Text.Json;
using Dapper;
using Parley.Core.Conversations;
using Parley.Core.Messaging;
using Parley.Core.Storage;
using Parley.Core.Work;

namespace Parley.Core.Outbound;

/// <summary>
/// Every outgoing message becomes a row first; the outbound worker sends it. An idempotency key per
/// account makes a repeated enqueue (a retried request, a reprocessed inbound message) a no-op.
/// </summary>
public sealed class OutboundQueue(Database database, TimeProvider time, WorkSignals signals)
{
    public sealed record NewOutbound(string AccountId, long ConversationId, long ContactId, MessageContent Content, string IdempotencyKey)
    {
        public long? InReplyTo { get; init; }
        public string? Source { get; init; }
    }

    /// <summary>The queued message's id, and whether this call queued it (false: the key was seen before).</summary>
    public sealed record Enqueued(long MessageId, bool Created);

    /// <summary>Queues a message to a contact, creating the contact and conversation on first contact.</summary>
    public async Task<Enqueued> EnqueueAsync(string accountId, ContactRef to, MessageContent content, string? idempotencyKey, string source, CancellationToken ct = default)
    {
        var now = time.NowMs();
        var key = idempotencyKey ?? $"{source}:{Guid.CreateVersion7():N}";
        await using var c = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(c, ct);
        var keys = await ConversationWriter.EnsureAsync(c, tx, accountId, to, now, ct);
        var id = await InsertAsync(c, tx, new NewOutbound(accountId, keys.ConversationId, keys.ContactId, content, key) { Source = source }, now, ct);
        if (id is null)
        {
            var existing = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT id FROM messages WHERE account_id = @accountId AND idempotency_key = @key", new { accountId, key }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return new Enqueued(existing, false);
        }

        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET out_pending = out_pending + 1 WHERE id = @ConversationId", new { keys.ConversationId }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        signals.Outbound.Notify();
        return new Enqueued(id.Value, true);
    }

    /// <summary>
    /// Inserts a queued outbound row inside the caller's transaction; returns null when the idempotency key
    /// exists. The caller adds to the conversation's <c>out_pending</c> for each row created.
    /// </summary>
    public static Task<long?> InsertAsync(DbConnection c, DbTransaction tx, NewOutbound m, long now, CancellationToken ct) =>
        c.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO messages (account_id, conversation_id, contact_id, direction, type, content, idempotency_key, in_reply_to, source,
                                  status, status_at, process_state, created_at)
            VALUES (@AccountId, @ConversationId, @ContactId, 'outbound', @type, @content, @IdempotencyKey, @InReplyTo, @Source,
                    'queued', @now, 1, @now)
            ON CONFLICT (account_id, idempotency_key) DO NOTHING
            RETURNING id
            """,
            new
            {
                m.AccountId, m.ConversationId, m.ContactId, type = m.Content.Type,
                content = JsonSerializer.Serialize(m.Content, ParleyJson.Options),
                m.IdempotencyKey, m.InReplyTo, m.Source, now,
            },
            tx, cancellationToken: ct));
}
