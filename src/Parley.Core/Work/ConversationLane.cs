using Dapper;
using Parley.Core.Messaging;
using Parley.Core.Storage;

namespace Parley.Core.Work;

/// <summary>
/// A queue of conversations with work, kept on the conversation rows themselves: a counter of pending
/// messages, a lease (owner and expiry) and the time the next attempt is due. A conversation is held by
/// one worker at a time, which keeps its messages in order; different conversations run in parallel,
/// across instances on PostgreSQL (claims skip locked rows). A crashed holder's lease simply expires.
/// </summary>
public sealed class ConversationLane
{
    private readonly Database _db;
    private readonly string _claimSql;
    private readonly string _renewSql;
    private readonly string _releaseSql;
    private readonly string _pendingSql;

    /// <param name="prefix"><c>in</c> or <c>out</c>: the column prefix of this lane.</param>
    public ConversationLane(Database db, string prefix)
    {
        _db = db;
        Name = prefix;
        _claimSql = $"""
            UPDATE conversations SET {prefix}_lease_owner = @owner, {prefix}_lease_until = @until
            WHERE id IN (
                SELECT id FROM conversations
                WHERE {prefix}_pending > 0 AND {prefix}_lease_until < @now AND {prefix}_ready_at <= @now
                ORDER BY {prefix}_ready_at
                LIMIT @max{db.ForUpdateSkipLocked})
            RETURNING id
            """;
        _renewSql = $"UPDATE conversations SET {prefix}_lease_until = @until WHERE id = @id AND {prefix}_lease_owner = @owner";
        _pendingSql = $"""
            SELECT {MessageQueries.Columns} FROM messages
            WHERE conversation_id = @id AND process_state = 1 AND direction = '{(prefix == "in" ? "inbound" : "outbound")}'
            ORDER BY id LIMIT @max
            """;
        _releaseSql = $"""
            UPDATE conversations SET {prefix}_lease_owner = NULL, {prefix}_lease_until = 0, {prefix}_ready_at = @readyAt
            WHERE id = @id AND {prefix}_lease_owner = @owner
            RETURNING {prefix}_pending
            """;
    }

    public string Name { get; }

    public Task<IReadOnlyList<long>> ClaimAsync(string owner, int max, long now, long until, CancellationToken ct) =>
        _db.WriteAsync<IReadOnlyList<long>>(async w =>
            (await w.Connection.QueryAsync<long>(new CommandDefinition(_claimSql, new { owner, until, now, max }, w.Transaction, cancellationToken: w.CancellationToken))).ToList(), ct);

    /// <summary>The conversation's pending messages of this lane's direction, oldest first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<StoredMessage>> PendingAsync(long id, int max, CancellationToken ct)
    {
        await using var c = await _db.OpenAsync(ct);
        var rows = await c.QueryAsync<MessageQueries.Row>(new CommandDefinition(_pendingSql, new { id, max }, cancellationToken: ct));
        return rows.Select(MessageQueries.ToMessage).ToList();
    }

    /// <summary>Extends the lease; false when it was lost (it expired and another worker took the conversation).</summary>
    public Task<bool> RenewAsync(long id, string owner, long until, CancellationToken ct) =>
        _db.WriteAsync(async w =>
            await w.Connection.ExecuteAsync(new CommandDefinition(_renewSql, new { id, owner, until }, w.Transaction, cancellationToken: w.CancellationToken)) == 1, ct);

    /// <summary>Gives the conversation back; returns how many messages are still pending in it.</summary>
    public Task<int> ReleaseAsync(long id, string owner, long readyAt, CancellationToken ct) =>
        _db.WriteAsync(async w =>
            await w.Connection.ExecuteScalarAsync<int?>(new CommandDefinition(_releaseSql, new { id, owner, readyAt }, w.Transaction, cancellationToken: w.CancellationToken)) ?? 0, ct);
}
