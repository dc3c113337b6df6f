using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Parley.Core.Storage;

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The one place that knows which database Parley runs on: opens connections, begins write
/// transactions the right way for each engine, and holds the few SQL fragments that differ.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _npgsql;

    public Database(DatabaseKind kind, string connectionString)
    {
        Kind = kind;
        ConnectionString = connectionString;
        if (kind == DatabaseKind.Postgres)
        {
            _npgsql = NpgsqlDataSource.Create(connectionString);
        }
    }

    public DatabaseKind Kind { get; }
    public string ConnectionString { get; }

    /// <summary>Row-claim suffix: PostgreSQL skips rows another instance holds; SQLite has one writer anyway.</summary>
    public string ForUpdateSkipLocked => Kind == DatabaseKind.Postgres ? " FOR UPDATE SKIP LOCKED" : "";

    /// <summary>A display form of the target without credentials, for logs and health.</summary>
    public string Describe()
    {
        if (Kind == DatabaseKind.Sqlite)
        {
            return "sqlite:" + new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        }

        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"postgres:{b.Host}:{b.Port}/{b.Database}";
    }

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        if (_npgsql is not null)
        {
            return await _npgsql.OpenConnectionAsync(ct);
        }

        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        using var pragma = connection.CreateCommand();
        // WAL lets readers run beside the writer; NORMAL sync is durable across process crashes in WAL mode.
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }

    /// <summary>
    /// Begins a write transaction. On SQLite it takes the write lock at once (BEGIN IMMEDIATE) so two
    /// writers never deadlock upgrading read locks.
    /// </summary>
    public async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct = default)
    {
        if (connection is SqliteConnection sqlite)
        {
            return sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: false);
        }

        return await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_npgsql is not null)
        {
            await _npgsql.DisposeAsync();
        }
    }
}
