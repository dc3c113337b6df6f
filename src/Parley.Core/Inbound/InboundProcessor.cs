using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Parley.Core.Accounts;
using Parley.Core.Bots;
using Parley.Core.Bots.Rules;
using Parley.Core.Conversations;
using Parley.Core.Messaging;
using Parley.Core.Outbound;
using Parley.Core.Outbound.Policy;
using Parley.Core.Storage;
using Parley.Core.Work;

namespace Parley.Core.Inbound;

/// <summary>
/// Processes one stored inbound message: asks the account's bot for replies, passes them through the
/// <see cref="OutboundPolicy"/> every outgoing message passes, then in one transaction queues them (idempotency key
/// derived from the inbound message), stores the session and marks the message done. Run twice for the same message,
/// it queues its replies once.
/// </summary>
public sealed class InboundProcessor(
    Database database,
    AccountRegistry accounts,
    BotCatalog bots,
    BotRules rules,
    Media.InboundMediaFetcher media,
    OutboundPolicy policy,
    TimeProvider time,
    WorkSignals signals,
    ILogger<InboundProcessor> logger,
    Observability.ParleyMetrics metrics)
{
    private long _processed;

    /// <summary>Messages this instance has processed since it started.</summary>
    public long ProcessedCount => Interlocked.Read(ref _processed);

    /// <summary>Messages of history handed to the bot.</summary>
    public const int HistoryTurns = 20;

    private sealed record RequestRow(
        long contact_id, string wa_id, string? phone, string? name, long opted_out, long blocked, long allowed,
        long conversation_id, string account_id, string state, string? session, long? last_inbound_at);

    /// <returns>False when the message was already processed (by this or another instance).</returns>
    public async Task<bool> ProcessAsync(StoredMessage message, CancellationToken ct)
    {
        var processingStarted = time.GetTimestamp();
        using var logScope = logger.BeginScope(Observability.LogScopes.ForMessage(message));
        var account = await accounts.FindAsync(message.AccountId, ct)
            ?? throw new InvalidOperationException($"Account '{message.AccountId}' no longer exists.");
        var bot = bots.For(account);
        message = await media.EnsureStoredAsync(account, message, ct);

        BotRequest request;
        await using (var c = await database.OpenAsync(ct))
        {
            request = await LoadRequestAsync(c, account, message, ct);
        }

        // Every bot runs under the same rules (blocked, allow-list, opt-out, takeover, rate limit, sanitizer, session).
        var started = time.GetTimestamp();
        var result = await rules.HandleAsync(bot, request, ct);
        logger.LogDebug("Bot {Bot} answered message {MessageId} with {Replies} replies in {Elapsed} ms",
            bot.Name, message.Id, result.Replies.Count, time.GetElapsedTime(started).TotalMilliseconds);

        var replies = Admit(account, request, result);
        var now = time.NowMs();
        var queued = await database.WriteAsync(w => StoreResultAsync(w, message, result, replies, now), ct);
        if (queued is null)
        {
            // Another worker finished it after its lease expired under us: keep its outcome.
            return false;
        }

        metrics.Processed(time.GetElapsedTime(processingStarted), Clock.FromMs(time.NowMs()) - message.CreatedAt);
        Interlocked.Increment(ref _processed);
        if (queued > 0)
        {
            signals.Outbound.Notify();
        }

        return true;
    }

    /// <summary>
    /// The write half: marks the message done, queues the replies and stores the session, in one transaction.
    /// Returns how many replies were queued, or null (and writes nothing) when the message was already done.
    /// </summary>
    private async Task<int?> StoreResultAsync(WriteContext w, StoredMessage message, BotResult result, IReadOnlyList<MessageContent> replies, long now)
    {
        var (conn, tx, ct) = (w.Connection, w.Transaction, w.CancellationToken);
        // Rows are locked in one order everywhere — contact, conversation, message — so this transaction and
        // intake (which upserts contact and conversation, then inserts the message) cannot deadlock on PostgreSQL.
        if (result.OptedOut is { } optedOut)
        {
            await conn.ExecuteAsync(new CommandDefinition(
                "UPDATE contacts SET opted_out = @v, opted_out_at = @at, updated_at = @now WHERE id = @ContactId",
                new { v = optedOut ? 1 : 0, at = optedOut ? now : (long?)null, now, message.ContactId }, tx, cancellationToken: ct));
        }

        await ConversationLocks.LockAsync(conn, tx, message.ConversationId, ct);
        var marked = await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE messages SET process_state = 2, attempts = attempts + 1, last_error = NULL WHERE id = @Id AND process_state = 1",
            new { message.Id }, tx, cancellationToken: ct));
        if (marked == 0)
        {
            w.Discard();
            return null;
        }

        var queued = 0;
        for (var i = 0; i < replies.Count; i++)
        {
            var id = await OutboundQueue.InsertAsync(conn, tx, new OutboundQueue.NewOutbound(
                message.AccountId, message.ConversationId, message.ContactId, replies[i], $"reply:{message.Id}:{i}")
            {
                InReplyTo = message.Id,
                Source = "bot",
            }, now, ct);
            queued += id is null ? 0 : 1;
        }

        await conn.ExecuteAsync(new CommandDefinition(
            """
            UPDATE conversations SET in_pending = in_pending - 1, out_pending = out_pending + @queued,
                session = COALESCE(@Session, session), state = COALESCE(@ConversationState, state), last_message_at = @now
            WHERE id = @ConversationId
            """,
            new { queued, result.Session, result.ConversationState, now, message.ConversationId }, tx, cancellationToken: ct));

        return queued;
    }

    /// <summary>
    /// The bot's replies that the policy lets through, shaped for the channel. The contact's opt-out as this message
    /// leaves it counts: the confirmation of a STOP goes out, nothing after it does, and an opt-in's answer goes out.
    /// </summary>
    private IReadOnlyList<MessageContent> Admit(Account account, BotRequest request, BotResult result)
    {
        if (result.Replies.Count == 0)
        {
            return [];
        }

        var optedOut = request.Contact.OptedOut && result.OptedOut != false;
        var recipient = new OutboundRecipient(request.Contact.Blocked, optedOut, request.Message.CreatedAt);
        var admitted = new List<MessageContent>();
        foreach (var reply in result.Replies)
        {
            if (policy.Refusal(recipient, reply.Type) is { } refused)
            {
                logger.LogInformation("Bot reply to message {MessageId} not sent: {Refusal}", request.Message.Id, refused.Detail);
                continue;
            }

            foreach (var part in policy.Shape(account, reply))
            {
                if (policy.ContentErrors(account, part) is { Count: > 0 } errors)
                {
                    // A bot's mistake, not the contact's: said where its author looks, and the rest of the answer still goes.
                    logger.LogWarning("Bot reply to message {MessageId} dropped: {Errors}", request.Message.Id, string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")));
                    continue;
                }

                admitted.Add(part);
            }
        }

        return admitted;
    }

    private static async Task<BotRequest> LoadRequestAsync(DbConnection c, Account account, StoredMessage message, CancellationToken ct)
    {
        var row = await c.QuerySingleAsync<RequestRow>(new CommandDefinition(
            """
            SELECT k.id AS contact_id, k.wa_id, k.phone, k.name, k.opted_out, k.blocked, k.allowed,
                   v.id AS conversation_id, v.account_id, v.state, v.session, v.last_inbound_at
            FROM conversations v JOIN contacts k ON k.id = v.contact_id
            WHERE v.id = @ConversationId
            """, new { message.ConversationId }, cancellationToken: ct));
        var history = await MessageQueries.RecentAsync(c, message.ConversationId, message.Id, HistoryTurns, ct);
        return new BotRequest(
            account,
            new ContactInfo(row.contact_id, row.wa_id)
            {
                Phone = row.phone,
                Name = row.name,
                OptedOut = row.opted_out != 0,
                Blocked = row.blocked != 0,
                Allowed = row.allowed != 0,
            },
            new ConversationInfo(row.conversation_id, row.account_id, row.contact_id)
            {
                State = row.state,
                Session = row.session,
                LastInboundAt = row.last_inbound_at is { } at ? Clock.FromMs(at) : null,
            },
            message)
        {
            History = history,
        };
    }
}
