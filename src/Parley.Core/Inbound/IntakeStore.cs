using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
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
/// <remarks>
/// Group commit (<see cref="IntakeOptions.GroupCommit"/>): deliveries that arrive while a writer is committing wait in
/// a queue and the next transaction writes all of them, so under load a commit, a connection and a turn of SQLite's
/// write gate serve many webhooks, and each caller still returns only once its own delivery is committed. Deliveries
/// of one contact always queue to the same writer (in order, and two writers of one instance never lock the same rows
/// in opposite orders). When a group fails, each of its deliveries is written again on its own, so one bad delivery
/// fails only its own request. Committed changes are published as <see cref="IDomainEvents"/> after the commit.
/// </remarks>
public sealed class IntakeStore(Database database, TimeProvider time, WorkSignals signals, IDomainEvents? events = null, IOptions<IntakeOptions>? options = null, Observability.ParleyMetrics? metrics = null)
{
    private readonly IDomainEvents _events = events ?? NoDomainEvents.Instance;
    private readonly IntakeOptions _options = options?.Value ?? new IntakeOptions();
    private readonly WriterQueue[] _writers = CreateWriters(options?.Value ?? new IntakeOptions(), database.Kind);

    public async Task<IntakeResult> StoreAsync(InboundBatch batch, CancellationToken ct = default)
    {
        // Timed as the webhook sees it: waiting for its group's turn included.
        var started = time.GetTimestamp();
        var result = await StoreCoreAsync(batch, ct);
        metrics?.Stored(batch, result.NewMessageIds.Count, time.GetElapsedTime(started));
        return result;
    }

    private Task<IntakeResult> StoreCoreAsync(InboundBatch batch, CancellationToken ct)
    {
        if (!(_options.GroupCommit ?? database.Kind == DatabaseKind.Sqlite) || batch.ReplayOfEventId is not null)
        {
            return StoreAloneAsync(batch, ct);
        }

        var pending = new PendingBatch(batch);
        var queue = _writers[(int)((uint)StringComparer.Ordinal.GetHashCode(WriterKey(batch)) % (uint)_writers.Length)];
        if (queue.Add(pending))
        {
            _ = Task.Run(() => DrainAsync(queue), CancellationToken.None);
        }

        // The caller may give up waiting; the delivery is still written (a redelivery is then a no-op).
        return pending.Completion.Task.WaitAsync(ct);
    }

    private static WriterQueue[] CreateWriters(IntakeOptions options, DatabaseKind kind)
    {
        var count = options.Writers > 0 ? options.Writers : kind == DatabaseKind.Sqlite ? 1 : 4;
        return Enumerable.Range(0, count).Select(_ => new WriterQueue()).ToArray();
    }

    /// <summary>The contact of the first message, else the first status's message: what orders and partitions deliveries.</summary>
    private static string WriterKey(InboundBatch batch) =>
        batch.Messages.Count > 0 ? batch.AccountId + "|" + batch.Messages[0].From.WaId
        : batch.Statuses.Count > 0 ? batch.AccountId + "|" + batch.Statuses[0].ProviderMessageId
        : batch.AccountId;

    private async Task DrainAsync(WriterQueue queue)
    {
        while (queue.TakeGroup(Math.Max(1, _options.MaxGroupSize)) is { } group)
        {
            try
            {
                await WriteGroupAsync(group);
            }
            catch (Exception ex)
            {
                // Not expected (WriteGroupAsync completes every delivery itself), but no caller may wait forever.
                group.ForEach(p => p.Completion.TrySetException(ex));
            }
        }
    }

    private async Task WriteGroupAsync(List<PendingBatch> group)
    {
        List<Written> written;
        try
        {
            var now = time.NowMs();
            await using var c = await database.OpenAsync(CancellationToken.None);
            await using var tx = await database.BeginWriteAsync(c, CancellationToken.None);
            written = await WriteAsync(c, tx, group.ConvertAll(p => p.Batch), now, CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
        }
        catch (Exception) when (group.Count > 1)
        {
            // Rolled back as a whole: each delivery again on its own, so only a bad one fails its request.
            foreach (var pending in group)
            {
                await CompleteAsync(pending, () => StoreAloneAsync(pending.Batch, CancellationToken.None));
            }

            return;
        }
        catch (Exception ex)
        {
            group[0].Completion.TrySetException(ex);
            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            var w = written[i];
            await CompleteAsync(group[i], async () =>
            {
                await AfterCommitAsync(w, CancellationToken.None);
                return w.Result;
            });
        }
    }

    private static async Task CompleteAsync(PendingBatch pending, Func<Task<IntakeResult>> work)
    {
        try
        {
            pending.Completion.TrySetResult(await work());
        }
        catch (Exception ex)
        {
            pending.Completion.TrySetException(ex);
        }
    }

    private async Task<IntakeResult> StoreAloneAsync(InboundBatch batch, CancellationToken ct)
    {
        var now = time.NowMs();
        Written written;
        await using (var c = await database.OpenAsync(ct))
        await using (var tx = await database.BeginWriteAsync(c, ct))
        {
            written = (await WriteAsync(c, tx, [batch], now, ct))[0];
            await tx.CommitAsync(ct);
        }

        await AfterCommitAsync(written, ct);
        return written.Result;
    }

    private async Task AfterCommitAsync(Written written, CancellationToken ct)
    {
        if (written.Result.NewMessageIds.Count > 0)
        {
            signals.Inbound.Notify();
        }

        await _events.PublishAsync(written.Published, ct);
    }

    private sealed record Written(IntakeResult Result, List<DomainEvent> Published);

    /// <summary>
    /// Writes deliveries inside the caller's transaction: first every event and message (locks: contact →
    /// conversation → message, as every writer takes them), then every status, sorted by provider message id
    /// (stable, so one message's statuses keep their order). The outbound worker takes a conversation before a
    /// status's lock, and so does this: a group never waits for a conversation while holding a status's lock.
    /// </summary>
    private async Task<List<Written>> WriteAsync(DbConnection c, DbTransaction tx, IReadOnlyList<InboundBatch> batches, long now, CancellationToken ct)
    {
        var wantsReceived = _events.Wants(MessageReceived.Name);
        var wantsStatus = _events.Wants(MessageStatusChanged.Name);
        var eventIds = new long[batches.Count];
        var newIds = new List<long>[batches.Count];
        var published = new List<DomainEvent>[batches.Count];
        for (var i = 0; i < batches.Count; i++)
        {
            var batch = batches[i];
            newIds[i] = new List<long>(batch.Messages.Count);
            published[i] = [];
            eventIds[i] = batch.ReplayOfEventId is { } replayed
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
                if (await InsertMessageAsync(c, tx, batch.AccountId, eventIds[i], message, now, ct) is { } stored)
                {
                    newIds[i].Add(stored.MessageId);
                    if (wantsReceived)
                    {
                        published[i].Add(new MessageReceived(batch.AccountId, stored.MessageId, stored.ConversationId, Clock.FromMs(now)));
                    }
                }
            }
        }

        var statuses = batches
            .SelectMany((batch, i) => batch.Statuses.Select(status => (Index: i, batch.AccountId, Status: status)))
            .OrderBy(s => s.Status.ProviderMessageId, StringComparer.Ordinal);
        foreach (var (i, accountId, status) in statuses)
        {
            var change = await StatusWriter.ApplyTrackedAsync(c, tx, accountId, status, now, ct);
            if (wantsStatus && change is { Changed: true })
            {
                published[i].Add(new MessageStatusChanged(accountId, change.MessageId, change.Previous, change.Current, status.Timestamp)
                {
                    ErrorCode = status.ErrorCode,
                    ErrorReason = status.ErrorReason,
                });
            }
        }

        return batches.Select((batch, i) => new Written(
            new IntakeResult(eventIds[i], newIds[i], batch.Messages.Count - newIds[i].Count, batch.Statuses.Count), published[i])).ToList();
    }

    private sealed class PendingBatch(InboundBatch batch)
    {
        public InboundBatch Batch { get; } = batch;
        public TaskCompletionSource<IntakeResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Deliveries waiting for one writer; at most one drain runs per queue.</summary>
    private sealed class WriterQueue
    {
        private readonly Queue<PendingBatch> _queue = new();
        private bool _draining;

        /// <returns>True when the caller must start the drain.</returns>
        public bool Add(PendingBatch pending)
        {
            lock (_queue)
            {
                _queue.Enqueue(pending);
                if (_draining)
                {
                    return false;
                }

                _draining = true;
                return true;
            }
        }

        /// <returns>The next group, or null (and the drain ends) when nothing waits.</returns>
        public List<PendingBatch>? TakeGroup(int max)
        {
            lock (_queue)
            {
                if (_queue.Count == 0)
                {
                    _draining = false;
                    return null;
                }

                var group = new List<PendingBatch>(Math.Min(max, _queue.Count));
                while (group.Count < max && _queue.TryDequeue(out var next))
                {
                    group.Add(next);
                }

                return group;
            }
        }
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
