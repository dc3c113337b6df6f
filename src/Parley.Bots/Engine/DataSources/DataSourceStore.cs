using System.Data.Common;
using System.Text.Json;
using Dapper;
using Parley.Bots.Engine.Definitions;
using Parley.Core.Storage;

namespace Parley.Bots.Engine.DataSources;

/// <summary>Reads and writes data source definitions (<c>data_sources</c>); an account's own replaces the shared one of the same name.</summary>
public sealed class DataSourceStore(Database database, DefinitionCache cache, TimeProvider time)
{
    private const string Columns = "account_id, name, description, connection, provider, query, parameters, timeout_ms, max_rows, cache_seconds, active, source";

    private sealed record Row(string account_id, string name, string? description, string? connection, string? provider, string query,
        string parameters, long? timeout_ms, long? max_rows, long? cache_seconds, long active, string source);

    public ValueTask<DataSourceDefinition?> FindAsync(string accountId, string name, CancellationToken ct = default) =>
        cache.GetAsync($"datasource:{accountId}:{name}", async token =>
        {
            await using var c = await database.OpenAsync(token);
            var rows = await c.QueryAsync<Row>(new CommandDefinition(
                $"SELECT {Columns} FROM data_sources WHERE name = @name AND account_id IN (@accountId, '') AND active = 1",
                new { name, accountId }, cancellationToken: token));
            return rows.OrderBy(r => r.account_id == accountId ? 0 : 1).Select(ToDefinition).FirstOrDefault();
        }, ct);

    public async Task<IReadOnlyList<DataSourceDefinition>> ListAsync(string? accountId = null, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM data_sources WHERE @accountId IS NULL OR account_id IN (@accountId, '') ORDER BY name, account_id",
            new { accountId }, cancellationToken: ct));
        return rows.Select(ToDefinition).ToList();
    }

    /// <summary>Creates or updates a data source; with <paramref name="onlyOverSource"/>, only rows from that source are changed.</summary>
    /// <returns>False when an existing row was left alone.</returns>
    public async Task<bool> UpsertAsync(DbConnection c, DbTransaction tx, DataSourceDefinition d, string source, string? onlyOverSource, CancellationToken ct)
    {
        var now = time.NowMs();
        var changed = await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO data_sources (account_id, name, description, connection, provider, query, parameters, timeout_ms, max_rows, cache_seconds, active, source, created_at, updated_at)
            VALUES (@AccountId, @Name, @Description, @Connection, @Provider, @Query, @parameters, @timeoutMs, @MaxRows, @cacheSeconds, @active, @source, @now, @now)
            ON CONFLICT (account_id, name) DO UPDATE SET
                description = excluded.description, connection = excluded.connection, provider = excluded.provider, query = excluded.query,
                parameters = excluded.parameters, timeout_ms = excluded.timeout_ms, max_rows = excluded.max_rows,
                cache_seconds = excluded.cache_seconds, active = excluded.active, source = excluded.source, updated_at = excluded.updated_at
            WHERE @onlyOverSource IS NULL OR data_sources.source = @onlyOverSource
            """,
            new
            {
                d.AccountId, d.Name, d.Description, d.Connection, d.Provider, d.Query,
                parameters = JsonSerializer.Serialize(d.Parameters),
                timeoutMs = d.Timeout is { } t ? (long?)t.TotalMilliseconds : null,
                d.MaxRows,
                cacheSeconds = d.CacheTtl is { } ttl ? (long?)ttl.TotalSeconds : null,
                active = d.Active ? 1 : 0, source, now, onlyOverSource,
            },
            tx, cancellationToken: ct));
        return changed > 0;
    }

    public async Task<bool> ExistsAsync(DbConnection c, DbTransaction? tx, string accountId, string name, CancellationToken ct) =>
        await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM data_sources WHERE name = @name AND account_id IN (@accountId, '')", new { name, accountId }, tx, cancellationToken: ct)) > 0;

    private static DataSourceDefinition ToDefinition(Row r) => new(r.name, r.query)
    {
        AccountId = r.account_id,
        Description = r.description,
        Connection = r.connection,
        Provider = r.provider,
        Parameters = JsonSerializer.Deserialize<List<string>>(r.parameters) ?? [],
        Timeout = r.timeout_ms is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
        MaxRows = r.max_rows is { } rows ? (int)rows : null,
        CacheTtl = r.cache_seconds is { } s ? TimeSpan.FromSeconds(s) : null,
        Active = r.active != 0,
        Source = r.source,
    };
}
