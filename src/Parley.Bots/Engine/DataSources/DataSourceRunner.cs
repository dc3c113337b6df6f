using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Parley.Core.Storage;

namespace Parley.Bots.Engine.DataSources;

/// <summary>
/// Runs data source queries read-only, with bound parameters, a timeout and a row limit, through the cache.
/// On Parley's own database the query runs in a transaction that is rolled back (and on SQLite with
/// <c>query_only</c> on); another SQLite file is opened read-only; on PostgreSQL the transaction is
/// <c>READ ONLY</c> with a <c>statement_timeout</c>. On Parley's own database a query may not read Parley's own
/// tables (<see cref="ParleyTables"/>: operators' password hashes, API keys, accounts, messages…): on SQLite an
/// authorizer refuses each read of one as the statement is compiled (views, subqueries and triggers included); on
/// PostgreSQL the statement's plan is checked first, in the same read-only transaction.
/// </summary>
public sealed class DataSourceRunner(
    Database database,
    ParleyTables parleyTables,
    IConfiguration configuration,
    IDataSourceCache cache,
    IOptions<EngineOptions> options,
    ILogger<DataSourceRunner> logger)
{
    public async Task<DataResult> RunAsync(DataSourceDefinition source, IReadOnlyDictionary<string, object?> arguments, CancellationToken ct = default)
    {
        if (SqlGuard.Check(source.Query) is { } refused)
        {
            throw new DataSourceException($"Data source '{source.Name}' was refused: {refused}.");
        }

        var bound = new SortedDictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in SqlGuard.Parameters(source.Query))
        {
            bound[name] = arguments.TryGetValue(name, out var value) ? Normalize(value) : null;
        }

        var ttl = source.CacheTtl ?? options.Value.DataSources.CacheTtl;
        if (ttl <= TimeSpan.Zero)
        {
            return await ExecuteAsync(source, bound, ct);
        }

        return await cache.GetOrAddAsync(CacheKey(source, bound), ttl, token => ExecuteAsync(source, bound, token), ct);
    }

    /// <summary>
    /// Why <paramref name="source"/> would be refused when it runs (it reads one of Parley's own tables), or null. The
    /// statement is compiled (SQLite) or planned (PostgreSQL), never run; parameters are null. For the import's warning.
    /// </summary>
    public async Task<string?> CheckAsync(DataSourceDefinition source, CancellationToken ct = default)
    {
        if (SqlGuard.Check(source.Query) is { } refused)
        {
            return refused;
        }

        if (!string.IsNullOrWhiteSpace(source.Connection))
        {
            return null;
        }

        var bound = SqlGuard.Parameters(source.Query).ToDictionary(p => p, _ => (object?)null, StringComparer.OrdinalIgnoreCase);
        try
        {
            await ExecuteAsync(source, bound, ct, explainOnly: true);
            return null;
        }
        catch (DataSourceException ex) when (ex.ReadsParleyTable)
        {
            return ex.Message;
        }
        catch (DataSourceException ex)
        {
            // Not this check's business (a table that does not exist yet, a parameter whose type cannot be inferred).
            logger.LogDebug(ex, "Data source {Source} could not be checked before it runs", source.Name);
            return null;
        }
    }

    internal async Task<DataResult> ExecuteAsync(DataSourceDefinition source, IReadOnlyDictionary<string, object?> bound, CancellationToken ct, bool explainOnly = false)
    {
        var timeout = source.Timeout ?? options.Value.DataSources.Timeout;
        var maxRows = source.MaxRows ?? options.Value.DataSources.MaxRows;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var started = Environment.TickCount64;
        DbConnection? connection = null;
        var ownConnection = false;
        try
        {
            (connection, ownConnection) = await OpenAsync(source, deadline.Token);
            var result = await QueryAsync(connection, ownConnection ? null : parleyTables, source, bound, timeout, maxRows, explainOnly, deadline.Token);
            logger.LogDebug("Data source {Source} returned {Rows} rows in {Elapsed} ms", source.Name, result.Rows.Count, Environment.TickCount64 - started);
            return result;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new DataSourceException($"Data source '{source.Name}' took longer than {timeout.TotalSeconds:0.###} s and was stopped.");
        }
        catch (DbException ex) when (IsTimeout(ex) && !ct.IsCancellationRequested)
        {
            throw new DataSourceException($"Data source '{source.Name}' took longer than {timeout.TotalSeconds:0.###} s and was stopped.", ex);
        }
        catch (PostgresException ex)
        {
            // PostgreSQL's messages can quote the values that were bound (the user's words): they stay at Debug.
            logger.LogDebug(ex, "Data source {Source} failed", source.Name);
            throw new DataSourceException($"Data source '{source.Name}' failed with SQL state {ex.SqlState} ({ex.Routine}).", ex);
        }
        catch (DbException ex)
        {
            // SQLite's messages name the SQL problem (no such table, syntax), never a bound value.
            throw new DataSourceException($"Data source '{source.Name}' failed: {ex.Message}", ex);
        }
        finally
        {
            if (connection is not null)
            {
                if (!ownConnection && connection is SqliteConnection shared)
                {
                    // Parley's pooled connection goes back to the pool writable.
                    await ExecAsync(shared, "PRAGMA query_only = 0", CancellationToken.None);
                }

                await connection.DisposeAsync();
            }
        }
    }

    private static async Task<DataResult> QueryAsync(
        DbConnection connection, ParleyTables? protectedTables, DataSourceDefinition source, IReadOnlyDictionary<string, object?> bound, TimeSpan timeout, int maxRows, bool explainOnly, CancellationToken ct)
    {
        var timeoutMs = (long)Math.Ceiling(timeout.TotalMilliseconds);
        await using var tx = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: true)
            : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        if (connection is NpgsqlConnection)
        {
            await using var setup = connection.CreateCommand();
            setup.Transaction = tx;
            setup.CommandText = "SET TRANSACTION READ ONLY; SELECT set_config('statement_timeout', @ms, true)";
            var ms = setup.CreateParameter();
            ms.ParameterName = "ms";
            ms.Value = timeoutMs.ToString(CultureInfo.InvariantCulture);
            setup.Parameters.Add(ms);
            await setup.ExecuteNonQueryAsync(ct);
        }

        if (protectedTables is not null && connection is NpgsqlConnection)
        {
            // Planned, not run: every relation the plan scans (views expanded) must not be one of Parley's tables.
            await using var explain = Command(connection, tx, "EXPLAIN (VERBOSE, FORMAT JSON) " + source.Query, bound, timeout);
            var plan = Convert.ToString(await explain.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) ?? "[]";
            if (PlannedRelations(plan).FirstOrDefault(protectedTables.IsProtected) is { } table)
            {
                throw ReadsParleyTable(source, $"it reads '{table}'");
            }
        }

        await using var command = Command(connection, tx, explainOnly && connection is SqliteConnection ? "EXPLAIN " + source.Query : source.Query, bound, timeout);
        if (explainOnly && connection is not SqliteConnection)
        {
            await tx.RollbackAsync(CancellationToken.None);
            return new DataResult([], false);
        }

        // SQLite runs a statement synchronously: interrupting the connection is how the deadline stops it.
        await using var interrupt = connection is SqliteConnection open
            ? ct.Register(() => SQLitePCL.raw.sqlite3_interrupt(open.Handle))
            : default;

        // On Parley's own SQLite database: each read of one of Parley's tables is refused as the statement compiles.
        using var authorizer = protectedTables is not null && connection is SqliteConnection own ? SqliteReadAuthorizer.Install(own, protectedTables) : null;

        var rows = new List<IReadOnlyDictionary<string, object?>>();
        var truncated = false;
        DbDataReader opened;
        try
        {
            opened = await command.ExecuteReaderAsync(ct);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteAuthorizationDenied && authorizer?.Denied is { } table)
        {
            throw ReadsParleyTable(source, $"it reads '{table}'");
        }

        await using (var reader = opened)
        {
            while (await reader.ReadAsync(ct))
            {
                if (rows.Count == maxRows)
                {
                    truncated = true;
                    break;
                }

                var row = new Dictionary<string, object?>(reader.FieldCount, StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }
        }

        // Whatever the statement did, nothing of it is kept.
        await tx.RollbackAsync(CancellationToken.None);
        return new DataResult(rows, truncated);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction tx, string sql, IReadOnlyDictionary<string, object?> bound, TimeSpan timeout)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.CommandTimeout = (int)Math.Max(1, Math.Ceiling(timeout.TotalSeconds));
        foreach (var (name, value) in bound)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }

        return command;
    }

    /// <summary>Every "Relation Name" in a PostgreSQL JSON plan.</summary>
    private static List<string> PlannedRelations(string plan)
    {
        var names = new List<string>();
        using var document = JsonDocument.Parse(plan);
        Collect(document.RootElement);
        return names;

        void Collect(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "Relation Name" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        names.Add(property.Value.GetString()!);
                    }
                    else
                    {
                        Collect(property.Value);
                    }
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item);
                }
            }
        }
    }

    private const int SqliteAuthorizationDenied = 23; // SQLITE_AUTH

    private static DataSourceException ReadsParleyTable(DataSourceDefinition source, string detail) => new(
        $"Data source '{source.Name}' was refused: {detail}; data sources on Parley's own database may not read Parley's own tables " +
        "(operators, API keys, accounts, messages…). Read your own tables, or another database through 'connection'.")
    {
        ReadsParleyTable = true,
    };

    private async Task<(DbConnection Connection, bool Own)> OpenAsync(DataSourceDefinition source, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(source.Connection))
        {
            var own = await database.OpenAsync(ct);
            if (own is SqliteConnection sqlite)
            {
                await ExecAsync(sqlite, "PRAGMA query_only = 1", ct);
            }

            return (own, false);
        }

        var connectionString = configuration.GetConnectionString(source.Connection)
            ?? throw new DataSourceException($"Data source '{source.Name}' uses connection '{source.Connection}', which is not configured (ConnectionStrings:{source.Connection}).");
        var provider = (source.Provider ?? (database.Kind == DatabaseKind.Postgres ? "postgres" : "sqlite")).Trim().ToLowerInvariant();
        if (provider.StartsWith("postgres", StringComparison.Ordinal))
        {
            var pg = new NpgsqlConnection(connectionString);
            await pg.OpenAsync(ct);
            return (pg, true);
        }

        if (provider != "sqlite")
        {
            throw new DataSourceException($"Data source '{source.Name}' has provider '{source.Provider}'; use sqlite or postgres.");
        }

        var builder = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly };
        var file = new SqliteConnection(builder.ConnectionString);
        await file.OpenAsync(ct);
        await ExecAsync(file, "PRAGMA query_only = 1; PRAGMA busy_timeout = 5000", ct);
        return (file, true);
    }

    private static async Task ExecAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static bool IsTimeout(DbException ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.QueryCanceled }
        || ex is SqliteException { SqliteErrorCode: 9 }; // SQLITE_INTERRUPT

    private static object? Normalize(object? value) => value switch
    {
        null => null,
        string or long or double or bool or decimal => value,
        int i => (long)i,
        DateTimeOffset d => d.ToUnixTimeMilliseconds(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string CacheKey(DataSourceDefinition source, IReadOnlyDictionary<string, object?> bound)
    {
        // The query and connection are part of the key, so an edited definition never reads an old result.
        var definition = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{source.Connection}\n{source.Provider}\n{source.Query}")), 0, 8);
        return $"{source.AccountId}\u001f{source.Name}\u001f{definition}\u001f{JsonSerializer.Serialize(bound)}";
    }
}
