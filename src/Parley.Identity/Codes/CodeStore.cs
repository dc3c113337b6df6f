using Dapper;
using Parley.Core.Storage;

namespace Parley.Identity.Codes;

/// <summary>
/// The SQL of <c>identity_codes</c>. A code's changes are conditional UPDATEs on its state, so two checks of the same
/// code at the same time cannot both use it: PostgreSQL re-checks the condition on the row the first one locked, SQLite
/// has one writer.
/// </summary>
public sealed class CodeStore(Database database)
{
    public const string Pending = "pending";
    public const string Live = "live";
    public const string Used = "used";
    public const string Replaced = "replaced";
    public const string Dead = "dead";
    public const string Undelivered = "undelivered";

    public sealed record CodeRow(long id, string phone, string code_hash, string state, long tries, long created_at, long expires_at);

    /// <summary>What the limits found: codes in the window for the number, the oldest of them, and for the client.</summary>
    public sealed record Usage(long ForPhone, long? OldestForPhone, long ForClient, long? OldestForClient);

    /// <summary>A new code, or the usage that refused it.</summary>
    public sealed record Issued(long? Id, Usage Usage);

    /// <summary>
    /// Inserts a pending code unless the number already had <paramref name="perPhone"/> codes since
    /// <paramref name="since"/> (or the client <paramref name="perClient"/>): counted and inserted under one lock per
    /// number, so concurrent requests cannot slip past the limit together.
    /// </summary>
    public Task<Issued> IssueAsync(string phone, string codeHash, string sealedCode, string accountId, string? clientIp,
        long now, long expiresAt, long since, int perPhone, int? perClient, CancellationToken ct) =>
        database.WriteAsync(async w =>
        {
            if (database.Kind == DatabaseKind.Postgres)
            {
                await w.Connection.ExecuteAsync(new CommandDefinition(
                    "SELECT pg_advisory_xact_lock(hashtext('identity:' || @phone))", new { phone }, w.Transaction, cancellationToken: ct));
            }

            var usage = await UsageAsync(w, phone, clientIp, since, ct);
            if (usage.ForPhone >= perPhone || (perClient is { } limit && clientIp is not null && usage.ForClient >= limit))
            {
                return new Issued(null, usage);
            }

            var id = await w.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO identity_codes (phone, code_hash, code_sealed, account_id, client_ip, state, tries, created_at, expires_at)
                VALUES (@phone, @codeHash, @sealedCode, @accountId, @clientIp, 'pending', 0, @now, @expiresAt) RETURNING id
                """,
                new { phone, codeHash, sealedCode, accountId, clientIp, now, expiresAt }, w.Transaction, cancellationToken: ct));
            return new Issued(id, usage);
        }, ct);

    /// <summary>The message carrying the code is queued: it becomes the number's live code and older ones stop working.</summary>
    public Task ActivateAsync(long id, string phone, long messageId, CancellationToken ct) =>
        database.WriteAsync(async w =>
        {
            await w.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE identity_codes SET state = 'replaced', code_sealed = NULL WHERE phone = @phone AND id < @id AND state IN ('pending', 'live')",
                new { phone, id }, w.Transaction, cancellationToken: ct));
            // A newer code that went live first keeps the lead: this one is replaced at once.
            await w.Connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE identity_codes SET message_id = @messageId,
                    state = CASE WHEN EXISTS (SELECT 1 FROM identity_codes n WHERE n.phone = @phone AND n.id > @id AND n.state NOT IN ('pending', 'undelivered'))
                                 THEN 'replaced' ELSE 'live' END
                WHERE id = @id AND state = 'pending'
                """,
                new { phone, id, messageId }, w.Transaction, cancellationToken: ct));
            return true;
        }, ct);

    /// <summary>The send was refused: the code never existed for the person and does not count against the limit.</summary>
    public async Task MarkUndeliveredAsync(long id, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE identity_codes SET state = 'undelivered', code_sealed = NULL WHERE id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>The number's current code: the newest one that was delivered (whatever its state now).</summary>
    public async Task<CodeRow?> CurrentAsync(string phone, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<CodeRow>(new CommandDefinition(
            """
            SELECT id, phone, code_hash, state, tries, created_at, expires_at FROM identity_codes
            WHERE phone = @phone AND state NOT IN ('pending', 'undelivered') ORDER BY id DESC LIMIT 1
            """,
            new { phone }, cancellationToken: ct));
    }

    /// <summary>Uses the code if it is still live, unexpired and has tries left; false when another check got there first.</summary>
    public async Task<bool> ConsumeAsync(long id, long now, int maxTries, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE identity_codes SET state = 'used', used_at = @now, code_sealed = NULL
            WHERE id = @id AND state = 'live' AND expires_at > @now AND tries < @maxTries
            """,
            new { id, now, maxTries }, cancellationToken: ct)) == 1;
    }

    /// <summary>Counts a wrong try; the code dies with the last one. Returns the tries made, or null when it was not live.</summary>
    public async Task<long?> FailTryAsync(long id, int maxTries, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            UPDATE identity_codes SET tries = tries + 1,
                state = CASE WHEN tries + 1 >= @maxTries THEN 'dead' ELSE state END,
                code_sealed = CASE WHEN tries + 1 >= @maxTries THEN NULL ELSE code_sealed END
            WHERE id = @id AND state = 'live'
            RETURNING tries
            """,
            new { id, maxTries }, cancellationToken: ct));
    }

    /// <summary>The sealed code for the channel, while the code can still be used.</summary>
    public async Task<string?> SealedAsync(long id, long now, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT code_sealed FROM identity_codes WHERE id = @id AND state IN ('pending', 'live') AND expires_at > @now",
            new { id, now }, cancellationToken: ct));
    }

    private static async Task<Usage> UsageAsync(WriteContext w, string phone, string? clientIp, long since, CancellationToken ct)
    {
        var forPhone = await w.Connection.QuerySingleAsync<(long Count, long? Oldest)>(new CommandDefinition(
            "SELECT COUNT(*), MIN(created_at) FROM identity_codes WHERE phone = @phone AND created_at > @since AND state <> 'undelivered'",
            new { phone, since }, w.Transaction, cancellationToken: ct));
        if (clientIp is null)
        {
            return new Usage(forPhone.Count, forPhone.Oldest, 0, null);
        }

        var forClient = await w.Connection.QuerySingleAsync<(long Count, long? Oldest)>(new CommandDefinition(
            "SELECT COUNT(*), MIN(created_at) FROM identity_codes WHERE client_ip = @clientIp AND created_at > @since AND state <> 'undelivered'",
            new { clientIp, since }, w.Transaction, cancellationToken: ct));
        return new Usage(forPhone.Count, forPhone.Oldest, forClient.Count, forClient.Oldest);
    }
}
