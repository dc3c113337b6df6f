using System.Data.Common;
using Dapper;

namespace Parley.Core.Messaging;

/// <summary>
/// Applies delivery statuses inside the caller's transaction: history kept once per status, the message's
/// status moved only forward, and statuses for messages not yet known parked until the message appears.
/// </summary>
public static class StatusWriter
{
    private sealed record Target(long id, string status);

    /// <summary>Returns the message id the status was applied to, or null when it was parked.</summary>
    public static async Task<long?> ApplyAsync(DbConnection c, DbTransaction tx, string accountId, StatusUpdate update, long now, CancellationToken ct) =>
        (await ApplyTrackedAsync(c, tx, accountId, update, now, ct))?.MessageId;

    /// <summary>Like <see cref="ApplyAsync"/>, saying what the message's status was and became (for events after the commit).</summary>
    public static async Task<StatusChange?> ApplyTrackedAsync(DbConnection c, DbTransaction tx, string accountId, StatusUpdate update, long now, CancellationToken ct)
    {
        var target = await c.QuerySingleOrDefaultAsync<Target>(new CommandDefinition(
            "SELECT id, status FROM messages WHERE account_id = @accountId AND provider_message_id = @ProviderMessageId",
            new { accountId, update.ProviderMessageId }, tx, cancellationToken: ct));
        if (target is null && c is Npgsql.NpgsqlConnection)
        {
            // The sender may be recording this provider id right now; take the id's lock and look again, so the
            // status is either applied here or parked where the sender's ApplyParkedAsync will see it.
            await LockProviderIdAsync(c, tx, accountId, update.ProviderMessageId, ct);
            target = await c.QuerySingleOrDefaultAsync<Target>(new CommandDefinition(
                "SELECT id, status FROM messages WHERE account_id = @accountId AND provider_message_id = @ProviderMessageId",
                new { accountId, update.ProviderMessageId }, tx, cancellationToken: ct));
        }

        if (target is null)
        {
            await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO pending_statuses (account_id, provider_message_id, status, at, error_code, error_reason, received_at)
                VALUES (@accountId, @ProviderMessageId, @status, @at, @ErrorCode, @ErrorReason, @now)
                """,
                new { accountId, update.ProviderMessageId, status = update.Status.ToWire(), at = update.Timestamp.ToUnixTimeMilliseconds(), update.ErrorCode, update.ErrorReason, now },
                tx, cancellationToken: ct));
            return null;
        }

        var previous = MessageStatusRules.FromWire(target.status);
        var current = await ApplyToMessageAsync(c, tx, target.id, previous, update, now, ct);
        return new StatusChange(target.id, previous, current, update);
    }

    /// <summary>Applies statuses that arrived before the provider id of <paramref name="messageId"/> was known; returns the resulting status.</summary>
    public static async Task<MessageStatus> ApplyParkedAsync(DbConnection c, DbTransaction tx, string accountId, string providerMessageId, long messageId, MessageStatus current, long now, CancellationToken ct)
    {
        var changes = await ApplyParkedTrackedAsync(c, tx, accountId, providerMessageId, messageId, current, now, ct);
        return changes.Count == 0 ? current : changes[^1].Current;
    }

    /// <summary>Like <see cref="ApplyParkedAsync"/>, with each parked status's effect in order (for events after the commit).</summary>
    public static async Task<IReadOnlyList<StatusChange>> ApplyParkedTrackedAsync(DbConnection c, DbTransaction tx, string accountId, string providerMessageId, long messageId, MessageStatus current, long now, CancellationToken ct)
    {
        var changes = new List<StatusChange>();
        if (c is Npgsql.NpgsqlConnection)
        {
            await LockProviderIdAsync(c, tx, accountId, providerMessageId, ct);
        }

        var parked = (await c.QueryAsync<(long id, string status, long at, string? error_code, string? error_reason)>(new CommandDefinition(
            "SELECT id, status, at, error_code, error_reason FROM pending_statuses WHERE account_id = @accountId AND provider_message_id = @providerMessageId ORDER BY id",
            new { accountId, providerMessageId }, tx, cancellationToken: ct))).ToList();
        foreach (var p in parked)
        {
            var update = new StatusUpdate(providerMessageId, MessageStatusRules.FromWire(p.status), DateTimeOffset.FromUnixTimeMilliseconds(p.at))
            {
                ErrorCode = p.error_code,
                ErrorReason = p.error_reason,
            };
            var previous = current;
            current = await ApplyToMessageAsync(c, tx, messageId, current, update, now, ct);
            changes.Add(new StatusChange(messageId, previous, current, update));
        }

        if (parked.Count > 0)
        {
            await c.ExecuteAsync(new CommandDefinition(
                "DELETE FROM pending_statuses WHERE account_id = @accountId AND provider_message_id = @providerMessageId",
                new { accountId, providerMessageId }, tx, cancellationToken: ct));
        }

        return changes;
    }

    /// <summary>
    /// PostgreSQL only (SQLite writers are serialized already): a transaction-scoped lock on one provider message id,
    /// taken by the sender recording the id and by intake parking a status for it, so neither misses the other.
    /// </summary>
    private static Task LockProviderIdAsync(DbConnection c, DbTransaction tx, string accountId, string providerMessageId, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))",
            new { key = $"{accountId}|{providerMessageId}" }, tx, cancellationToken: ct));

    /// <summary>Records one status in the history and moves the message's status forward if it is newer.</summary>
    public static async Task<MessageStatus> ApplyToMessageAsync(DbConnection c, DbTransaction tx, long messageId, MessageStatus current, StatusUpdate update, long now, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO message_statuses (message_id, status, at, error_code, error_reason, received_at)
            VALUES (@messageId, @status, @at, @ErrorCode, @ErrorReason, @now)
            ON CONFLICT (message_id, status) DO NOTHING
            """,
            new { messageId, status = update.Status.ToWire(), at = update.Timestamp.ToUnixTimeMilliseconds(), update.ErrorCode, update.ErrorReason, now },
            tx, cancellationToken: ct));

        var next = MessageStatusRules.Advance(current, update.Status);
        if (next == current)
        {
            return current;
        }

        var failed = next == MessageStatus.Failed;
        await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE messages SET status = @status, status_at = @at,
                error_code = CASE WHEN @failed THEN @ErrorCode ELSE error_code END,
                error_reason = CASE WHEN @failed THEN @ErrorReason ELSE error_reason END
            WHERE id = @messageId
            """,
            new { messageId, status = next.ToWire(), at = update.Timestamp.ToUnixTimeMilliseconds(), failed, update.ErrorCode, update.ErrorReason },
            tx, cancellationToken: ct));
        return next;
    }
}
