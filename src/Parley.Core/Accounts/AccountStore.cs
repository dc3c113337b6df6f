using System.Text.Json;
using Dapper;
using Parley.Core.Secrets;
using Parley.Core.Storage;

namespace Parley.Core.Accounts;

/// <summary>Reads and writes accounts; secrets are encrypted (<see cref="ISecretProtector"/>) before they reach the database.</summary>
public sealed class AccountStore(Database database, ISecretProtector protector, TimeProvider time)
{
    private const string Purpose = "Parley.Accounts.Secrets.v1";

    private sealed record Row(string id, string provider, string? bot, string? display_name, string settings, string? secrets, long enabled, string source);

    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            "SELECT id, provider, bot, display_name, settings, secrets, enabled, source FROM accounts ORDER BY id", cancellationToken: ct));
        return rows.Select(ToAccount).ToList();
    }

    public async Task<Account?> FindAsync(string id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT id, provider, bot, display_name, settings, secrets, enabled, source FROM accounts WHERE id = @id", new { id }, cancellationToken: ct));
        return row is null ? null : ToAccount(row);
    }

    /// <summary>Creates or replaces an account. Secrets left out of <paramref name="account"/> keep their stored value.</summary>
    public async Task UpsertAsync(Account account, CancellationToken ct = default)
    {
        var existing = await FindAsync(account.Id, ct);
        var secrets = new Dictionary<string, string>(existing?.Secrets ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in account.Secrets)
        {
            secrets[k] = v;
        }

        if (existing is not null && Unchanged(existing, account, secrets))
        {
            // Every instance seeds its configured accounts at start: rewriting an unchanged row would lock it against the
            // foreign-key checks of every webhook being stored (PostgreSQL), stalling intake on all instances meanwhile.
            return;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO accounts (id, provider, bot, display_name, settings, secrets, enabled, source, created_at, updated_at)
            VALUES (@Id, @Provider, @Bot, @DisplayName, @settings, @secrets, @Enabled, @Source, @now, @now)
            ON CONFLICT (id) DO UPDATE SET provider = excluded.provider, bot = excluded.bot, display_name = excluded.display_name,
                settings = excluded.settings, secrets = excluded.secrets, enabled = excluded.enabled, source = excluded.source,
                updated_at = excluded.updated_at
            """,
            new
            {
                account.Id, account.Provider, account.Bot, account.DisplayName, Enabled = account.Enabled ? 1 : 0, account.Source, now,
                settings = JsonSerializer.Serialize(account.Settings),
                secrets = secrets.Count == 0 ? null : protector.Protect(Purpose, JsonSerializer.Serialize(secrets)),
            },
            cancellationToken: ct));
    }

    private static bool Unchanged(Account stored, Account wanted, IReadOnlyDictionary<string, string> secrets) =>
        stored.Provider == wanted.Provider && stored.Bot == wanted.Bot && stored.DisplayName == wanted.DisplayName
        && stored.Enabled == wanted.Enabled && stored.Source == wanted.Source
        && SameEntries(stored.Settings, wanted.Settings) && SameEntries(stored.Secrets, secrets);

    private static bool SameEntries(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var v) && string.Equals(v, e.Value, StringComparison.Ordinal));

    public async Task<bool> RemoveAsync(string id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        // Accounts with history are disabled rather than deleted, so messages keep their owner.
        var used = await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM contacts WHERE account_id = @id", new { id }, cancellationToken: ct));
        if (used > 0)
        {
            return await c.ExecuteAsync(new CommandDefinition("UPDATE accounts SET enabled = @f WHERE id = @id", new { id, f = 0 }, cancellationToken: ct)) > 0;
        }

        return await c.ExecuteAsync(new CommandDefinition("DELETE FROM accounts WHERE id = @id", new { id }, cancellationToken: ct)) > 0;
    }

    private Account ToAccount(Row r) => new(r.id, r.provider)
    {
        Bot = r.bot,
        DisplayName = r.display_name,
        Enabled = r.enabled != 0,
        Source = r.source,
        Settings = JsonSerializer.Deserialize<Dictionary<string, string>>(r.settings) ?? [],
        Secrets = r.secrets is null ? new Dictionary<string, string>() : Unprotect(r.secrets),
    };

    private Dictionary<string, string> Unprotect(string blob)
    {
        var json = protector.Unprotect(Purpose, blob);
        return new Dictionary<string, string>(JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [], StringComparer.OrdinalIgnoreCase);
    }
}
