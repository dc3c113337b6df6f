using System.Data.Common;
using Dapper;
using Parley.Core.Conversations;
using Parley.Core.Events;
using Parley.Core.Messaging;
using Parley.Core.Storage;
using Parley.Core.Work;

namespace Parley.Core.Inbound;

/// <summary>
/// The durable half of webhook intake: the raw event, its messages and its statuses are written in one
/// transaction before the provider gets its answer. The unique index on (account, provider message id)
/// makes a redelivered message a no-op, race-free across instances. Processing happens afterwards.
/// </summary>
/// <remarks>
/// Each delivery is one <see cref="Database.WriteAsync{T}"/> unit: with group commit (SQLite by default) deliveries
/// that arrive while a commit is under way share the next transaction with each other and with the workers' writes,
/// each in its own savepoint, so one bad delivery fails only its own request; each caller returns only once its own
/// delivery is committed. Committed changes are published as <see cref="IDomainEvents"/> after the commit.
/// </remarks>
public sealed class IntakeStore(Database database, TimeProvider time, WorkSignals signals, IDomainEvents events, Observability.ParleyMetrics metrics)
{

    public async Task<IntakeResult> StoreAsync(InboundBatch batch, CancellationToken ct = default)
    {
        // Timed as the webhook sees it: waiting for its group's turn included.
        var started = time.GetTimestamp();
        var written = await database.WriteAsync(w => WriteAsync(w.Connection, w.Transaction, batch, time.NowMs(), w.CancellationToken), ct);
        if (written.Result.NewMessageIds.Count > 0)
        {
            signals.Inbound.Notify();
        }

        await events.PublishAsync(written.Published, ct);
        metrics.Stored(batch, written.Result.NewMessageIds.Count, time.GetElapsedTime(started));
        return written.Result;
    }

    private sealed record Written(IntakeResult Result, List<DomainEvent> Published);

    /// <summary>
    /// Writes one delivery inside the caller's transaction: first the event and its messages (locks: contact →
    /// conversation → message, as every writer takes them), then its statuses, sorted by provider message id
    /// (stable, so one message's statuses keep their order). The outbound worker takes a conversation before a
    /// status's lock, and so does this: intake never waits for a conversation while holding a status's lock.
    /// </summary>
    private async Task<Written> WriteAsync(DbConnection c, DbTransaction tx, InboundBatch batch, long now, CancellationToken ct)
    {
        var newIds = new List<long>(batch.Messages.Count);
        var published = new List<DomainEvent>();
        var eventId = batch.ReplayOfEventId is { } replayed
            ? await MarkReplayedAsync(c, tx, replayed, batch, now, ct)
            : await c.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO webhook_events (account_id, provider, received_at, content_type, body, state, message_count, status_count)
                VALUES (@AccountId, @Provider, @now, @ContentType, @RawBody, 'stored', @messages, @statuses)
                RETURNING id
                """,
                new { batch.AccountId, batch.Provider, now, batch.ContentType, batch.RawBody, messages = batch.Messages.Count, statuses = batch.Statuses.Count },
                tx, cancellationToken: ct));

        var wantsReceived = events.Wants(MessageReceived.Name);
        foreach (var message in batch.Messages)
        {
            if (await InsertMessageAsync(c, tx, batch.AccountId, eventId, message, now, ct) is { } stored)
            {
                newIds.Add(stored.MessageId);
                if (wantsReceived)
                {
                    published.Add(new MessageReceived(batch.AccountId, stored.MessageId, stored.ConversationId, Clock.FromMs(now)));
                }
            }
        }

        var wantsStatus = events.Wants(MessageStatusChanged.Name);
        foreach (var status in batch.Statuses.OrderBy(s => s.ProviderMessageId, StringComparer.Ordinal))
        {
            var change = await StatusWriter.ApplyTrackedAsync(c, tx, batch.AccountId, status, now, ct);
            if (wantsStatus && change is { Changed: true })
            {
                published.Add(new MessageStatusChanged(batch.AccountId, change.MessageId, change.Previous, change.Current, status.Timestamp)
                {
                    ErrorCode = status.ErrorCode,
                    ErrorReason = status.ErrorReason,
                });
            }
        }

        return new Written(new IntakeResult(eventId, newIds, batch.Messages.Count - newIds.Count, batch.Statuses.Count), published);
    }

    /// <summary>A replayed event keeps its row: it is marked stored again instead of recorded twice.</summary>
    private static async Task<long> MarkReplayedAsync(DbConnection c, DbTransaction tx, long eventId, InboundBatch batch, long now, CancellationToken ct)
    {
        var updated = await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE webhook_events SET state = 'stored', last_error = NULL, attempts = attempts + 1, replay_count = replay_count + 1,
                replayed_at = @now, message_count = @messages, status_count = @statuses
            WHERE id = @eventId
            """,
            new { eventId, now, messages = batch.Messages.Count, statuses = batch.Statuses.Count }, tx, cancellationToken: ct));
        return updated == 1 ? eventId : throw new InvalidOperationException($"Webhook event {eventId} does not exist.");
    }

    private sealed record StoredKeys(long MessageId, long ConversationId);

    private static async Task<StoredKeys?> InsertMessageAsync(DbConnection c, DbTransaction tx, string accountId, long eventId, InboundMessage m, long now, CancellationToken ct)
    {
        var keys = await ConversationWriter.EnsureAsync(c, tx, accountId, m.From, now, ct);
        var id = await c.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO messages (account_id, conversation_id, contact_id, direction, type, content, raw, provider_message_id,
                                  status, status_at, webhook_event_id, process_state, created_at)
            VALUES (@accountId, @ConversationId, @ContactId, 'inbound', @type, @content, @Raw, @ProviderMessageId,
                    'received', @now, @eventId, 1, @now)
            ON CONFLICT (account_id, provider_message_id) DO NOTHING
            RETURNING id
            """,
            new
            {
                accountId, keys.ConversationId, keys.ContactId, type = m.Content.Type,
                content = System.Text.Json.JsonSerializer.Serialize(m.Content, ParleyJson.Options),
                m.Raw, m.ProviderMessageId, now, eventId,
            },
            tx, cancellationToken: ct));
        if (id is null)
        {
            return null;
        }

        await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE conversations SET in_pending = in_pending + 1, unread = unread + 1,
                last_inbound_at = CASE WHEN last_inbound_at IS NULL OR last_inbound_at < @at THEN @at ELSE last_inbound_at END
            WHERE id = @ConversationId
            """,
            new { keys.ConversationId, at = Math.Min(m.Timestamp.ToUnixTimeMilliseconds(), now) }, tx, cancellationToken: ct));
        return new StoredKeys(id.Value, keys.ConversationId);
    }
}
