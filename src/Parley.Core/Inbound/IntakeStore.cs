using Dapper;
using Parley.Core.Conversations;
using Parley.Core.Messaging;
using Parley.Core.Storage;
using Parley.Core.Work;

namespace Parley.Core.Inbound;

/// <summary>What intake stored from one webhook delivery.</summary>
/// <param name="NewMessageIds">Ids of messages stored for the first time; duplicates are left out.</param>
public sealed record IntakeResult(long WebhookEventId, IReadOnlyList<long> NewMessageIds, int DuplicateMessages, int Statuses);

/// <summary>
/// The durable half of webhook intake: the raw event, its messages and its statuses are written in one
/// transaction before the provider gets its answer. The unique index on (account, provider message id)
/// makes a redelivered message a no-op, race-free across instances. Processing happens afterwards.
/// </summary>
public sealed class IntakeStore(Database database, TimeProvider time, WorkSignals signals, Observability.ParleyMetrics? metrics = null)
{
    public async Task<IntakeResult> StoreAsync(InboundBatch batch, CancellationToken ct = default)
    {
        var started = time.GetTimestamp();
        var now = time.NowMs();
        var newIds = new List<long>(batch.Messages.Count);
        long eventId;
        await using (var c = await database.OpenAsync(ct))
        await using (var tx = await database.BeginWriteAsync(c, ct))
        {
            eventId = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO webhook_events (account_id, provider, received_at, content_type, body, state, message_count, status_count)
                VALUES (@AccountId, @Provider, @now, @ContentType, @RawBody, 'stored', @messages, @statuses)
                RETURNING id
                """,
                new { batch.AccountId, batch.Provider, now, batch.ContentType, batch.RawBody, messages = batch.Messages.Count, statuses = batch.Statuses.Count },
                tx, cancellationToken: ct));

            foreach (var message in batch.Messages)
            {
                var id = await InsertMessageAsync(c, tx, batch.AccountId, eventId, message, now, ct);
                if (id is not null)
                {
                    newIds.Add(id.Value);
                }
            }

            foreach (var status in batch.Statuses)
            {
                await StatusWriter.ApplyAsync(c, tx, batch.AccountId, status, now, ct);
            }

            await tx.CommitAsync(ct);
        }

        metrics?.Stored(batch, newIds.Count, time.GetElapsedTime(started));
        if (newIds.Count > 0)
        {
            signals.Inbound.Notify();
        }

        return new IntakeResult(eventId, newIds, batch.Messages.Count - newIds.Count, batch.Statuses.Count);
    }

    private static async Task<long?> InsertMessageAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, string accountId, long eventId, InboundMessage m, long now, CancellationToken ct)
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
        return id;
    }
}
