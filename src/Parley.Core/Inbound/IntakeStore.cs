using Dapper;
using Parley.Core.Conversations;
using Parley.Core.Events;
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
/// <remarks>Committed changes are published as <see cref="IDomainEvents"/> (outgoing webhooks) after the commit.</remarks>
public sealed class IntakeStore(Database database, TimeProvider time, WorkSignals signals, IDomainEvents? events = null, Observability.ParleyMetrics? metrics = null)
{
    private readonly IDomainEvents _events = events ?? NoDomainEvents.Instance;

    public async Task<IntakeResult> StoreAsync(InboundBatch batch, CancellationToken ct = default)
    {
        var started = time.GetTimestamp();
        var now = time.NowMs();
        var newIds = new List<long>(batch.Messages.Count);
        var published = new List<DomainEvent>();
        var wantsReceived = _events.Wants(MessageReceived.Name);
        var wantsStatus = _events.Wants(MessageStatusChanged.Name);
        long eventId;
        await using (var c = await database.OpenAsync(ct))
        await using (var tx = await database.BeginWriteAsync(c, ct))
        {
            eventId = batch.ReplayOfEventId is { } replayed
                ? await MarkReplayedAsync(c, tx, replayed, batch, now, ct)
                : await c.ExecuteScalarAsync<long>(new CommandDefinition(
                    """
                    INSERT INTO webhook_events (account_id, provider, received_at, content_type, body, state, message_count, status_count)
                    VALUES (@AccountId, @Provider, @now, @ContentType, @RawBody, 'stored', @messages, @statuses)
                    RETURNING id
                    """,
                    new { batch.AccountId, batch.Provider, now, batch.ContentType, batch.RawBody, messages = batch.Messages.Count, statuses = batch.Statuses.Count },
                    tx, cancellationToken: ct));

            foreach (var message in batch.Messages)
            {
                var stored = await InsertMessageAsync(c, tx, batch.AccountId, eventId, message, now, ct);
                if (stored is { } s)
                {
                    newIds.Add(s.MessageId);
                    if (wantsReceived)
                    {
                        published.Add(new MessageReceived(batch.AccountId, s.MessageId, s.ConversationId, Clock.FromMs(now)));
                    }
                }
            }

            foreach (var status in batch.Statuses)
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

            await tx.CommitAsync(ct);
        }

        metrics?.Stored(batch, newIds.Count, time.GetElapsedTime(started));
        if (newIds.Count > 0)
        {
            signals.Inbound.Notify();
        }

        await _events.PublishAsync(published, ct);
        return new IntakeResult(eventId, newIds, batch.Messages.Count - newIds.Count, batch.Statuses.Count);
    }

    /// <summary>A replayed event keeps its row: it is marked stored again instead of recorded twice.</summary>
    private static async Task<long> MarkReplayedAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, long eventId, InboundBatch batch, long now, CancellationToken ct)
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

    private static async Task<StoredKeys?> InsertMessageAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, string accountId, long eventId, InboundMessage m, long now, CancellationToken ct)
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
