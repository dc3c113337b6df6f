using Dapper;
using Parley.Core.Storage;

namespace Parley.Core.Inbound;

/// <summary>
/// Reads the stored provider webhook events, and records deliveries that were verified but could not be parsed
/// or stored (a channel calls <see cref="RecordFailedAsync"/>), so they can be replayed once the cause is fixed.
/// </summary>
public sealed class WebhookEventStore(Database database, TimeProvider time)
{
    private const string ListColumns = "id, account_id, provider, received_at, state, content_type, attempts, last_error, message_count, status_count, replay_count, replayed_at";

    private sealed record Row(long id, string account_id, string provider, long received_at, string state, string? content_type, long attempts, string? last_error,
        long message_count, long status_count, long replay_count, long? replayed_at);

    public async Task<Page<StoredWebhookEvent>> ListAsync(string? state, string? accountId, long? beforeId, int limit, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = (await c.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {ListColumns} FROM webhook_events
            WHERE id < @before {(state is null ? "" : "AND state = @state")} {(accountId is null ? "" : "AND account_id = @accountId")}
            ORDER BY id DESC LIMIT @take
            """,
            new { before = beforeId ?? long.MaxValue, state, accountId, take = limit + 1 }, cancellationToken: ct))).ToList();
        return Page<StoredWebhookEvent>.From(rows.Select(r => ToEvent(r, null)).ToList(), limit, e => e.Id);
    }

    public async Task<StoredWebhookEvent?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"SELECT {ListColumns} FROM webhook_events WHERE id = @id", new { id }, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        var body = await c.ExecuteScalarAsync<string>(new CommandDefinition("SELECT body FROM webhook_events WHERE id = @id", new { id }, cancellationToken: ct));
        return ToEvent(row, body);
    }

    public async Task<IReadOnlyList<long>> FailedIdsAsync(string? accountId, int limit, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        return (await c.QueryAsync<long>(new CommandDefinition(
            $"SELECT id FROM webhook_events WHERE state = 'failed' {(accountId is null ? "" : "AND account_id = @accountId")} ORDER BY id LIMIT @limit",
            new { accountId, limit }, cancellationToken: ct))).ToList();
    }

    /// <summary>
    /// Keeps a delivery that passed the provider's signature check but could not be parsed or stored, with the reason.
    /// Call it only after verification: replays trust the stored body.
    /// </summary>
    /// <param name="rawBytes">The exact bytes received, when <paramref name="body"/> (well-formed text) does not hold them exactly.</param>
    public async Task<long> RecordFailedAsync(string accountId, string provider, string? contentType, string body, string error, CancellationToken ct = default, byte[]? rawBytes = null)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO webhook_events (account_id, provider, received_at, content_type, body, raw_body, state, last_error)
            VALUES (@accountId, @provider, @now, @contentType, @body, @rawBytes, 'failed', @error) RETURNING id
            """,
            new { accountId, provider, now = time.NowMs(), contentType, body, rawBytes, error = Truncate(error) }, cancellationToken: ct));
    }

    /// <summary>Records a failed replay: the event stays failed with the new reason.</summary>
    public async Task MarkFailedAsync(long id, string error, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE webhook_events SET state = 'failed', last_error = @error, attempts = attempts + 1, replay_count = replay_count + 1, replayed_at = @now
            WHERE id = @id
            """,
            new { id, error = Truncate(error), now = time.NowMs() }, cancellationToken: ct));
    }

    private static string Truncate(string s) => s.Length > 2000 ? s[..2000] : s;

    private static StoredWebhookEvent ToEvent(Row r, string? body) => new(r.id, r.account_id, r.provider, Clock.FromMs(r.received_at), r.state)
    {
        ContentType = r.content_type,
        Body = body,
        Attempts = (int)r.attempts,
        LastError = r.last_error,
        MessageCount = (int)r.message_count,
        StatusCount = (int)r.status_count,
        ReplayCount = (int)r.replay_count,
        ReplayedAt = r.replayed_at is { } at ? Clock.FromMs(at) : null,
    };
}
