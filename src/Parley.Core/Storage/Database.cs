using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Parley.Core.Hosting;

namespace Parley.Core.Storage;

/// <summary>
/// The one place that knows which database Parley runs on: opens connections, begins write
/// transactions the right way for each engine, and holds the few SQL fragments that differ.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _npgsql;

    // SQLite has one writer at a time. Writers of this process queue here, in order and without sleeping,
    // instead of colliding on the file lock and backing off in SQLite's busy handler (1, 2, 5 … 100 ms).
    private readonly SemaphoreSlim _sqliteWriteGate = new(1, 1);
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SqliteConnection, object> _gateHolders = [];

    // The physical SQLite connections (pooled handles) that already ran the setup pragmas.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = [];

    // 1 once the SQLite file was created or checked as private (see PrepareSqliteFile).
    private int _sqliteFilePrepared;

    // Group commit for WriteAsync; null when each unit gets its own transaction.
    private readonly WriteGroups? _groups;

    /// <param name="groupWrites">Run concurrent <see cref="WriteAsync{T}"/> units in shared transactions; unset: on for
    /// SQLite (one writer per file), off for PostgreSQL (many writers in parallel).</param>
    public Database(DatabaseKind kind, string connectionString, bool? groupWrites = null)
    {
        Kind = kind;
        ConnectionString = connectionString;
        if (kind == DatabaseKind.Postgres)
        {
            _npgsql = NpgsqlDataSource.Create(WithPostgresDefaults(connectionString));
        }

        if (groupWrites ?? kind == DatabaseKind.Sqlite)
        {
            _groups = new WriteGroups(this, maxGroupSize: 128);
        }
    }

    public DatabaseKind Kind { get; }

    /// <summary>
    /// Npgsql settings Parley runs best with, unless the connection string names them: statements used again and again
    /// are prepared once per physical connection (<c>Max Auto Prepare</c>), so PostgreSQL stops parsing and planning
    /// them for every message; and a connection going back to the pool is not reset (<c>No Reset On Close</c>), which
    /// would also throw those prepared statements away. Parley keeps no session state: its locks and settings are
    /// transaction-scoped.
    /// </summary>
    internal static string WithPostgresDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("maxautoprepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!given.Contains("noresetonclose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
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

        if (Interlocked.Exchange(ref _sqliteFilePrepared, 1) == 0)
        {
            PrepareSqliteFile();
        }

        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        // Connections are pooled and keep their settings: each physical connection is set up once, not at every open.
        if (!_configured.TryGetValue(connection.Handle!, out _))
        {
            using var pragma = connection.CreateCommand();
            // WAL lets readers run beside the writer (set once per file, see EnsureWalAsync); NORMAL sync is
            // durable across process crashes in WAL mode. The busy timeout covers other processes (the CLI).
            pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
            await pragma.ExecuteNonQueryAsync(ct);
            _configured.AddOrUpdate(connection.Handle!, this);
        }

        return connection;
    }

    /// <summary>
    /// Before SQLite first opens its file: creates it readable by Parley's user only (0600), or tightens an existing one
    /// and its companions; SQLite gives the -wal and -shm files it creates the database file's permissions.
    /// </summary>
    private void PrepareSqliteFile()
    {
        var builder = new SqliteConnectionStringBuilder(ConnectionString);
        var path = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(path) || path == ":memory:" || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        path = Path.GetFullPath(path);
        if (!Directory.Exists(Path.GetDirectoryName(path)))
        {
            return;
        }

        if (!PrivateFiles.EnsureFile(path))
        {
            NotPrivate = path;
        }

        foreach (var companion in new[] { "-wal", "-shm", "-journal" })
        {
            if (!PrivateFiles.TightenFile(path + companion))
            {
                NotPrivate = path + companion;
            }
        }
    }

    /// <summary>A SQLite file that stays readable by other users because its mode could not be changed (the start-up check warns), or null.</summary>
    public string? NotPrivate { get; private set; }

    /// <summary>Switches a SQLite file to write-ahead logging; the mode is stored in the file, so once is enough.</summary>
    public async Task EnsureWalAsync(CancellationToken ct = default)
    {
        if (Kind != DatabaseKind.Sqlite)
        {
            return;
        }

        await using var c = await OpenAsync(ct);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL;";
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Begins a write transaction. On SQLite it takes the write lock at once (BEGIN IMMEDIATE) so two
    /// writers never deadlock upgrading read locks.
    /// </summary>
    public async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct = default)
    {
        if (connection is SqliteConnection sqlite)
        {
            await EnterWriteGateAsync(sqlite, ct);
            return sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: false);
        }

        return await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
    }

    /// <summary>
    /// Runs a short write unit in a transaction and returns its result once that transaction committed. With group
    /// commit (<see cref="WriteGroups"/>) units that arrive together share one transaction, each in its own savepoint;
    /// otherwise each gets its own. Either way a unit that throws or calls <see cref="WriteContext.Discard"/> leaves
    /// nothing behind, and a unit must not commit or roll back the transaction itself.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<WriteContext, Task<T>> unit, CancellationToken ct = default) =>
        _groups is not null ? _groups.RunAsync(unit, ct) : WriteAloneAsync(unit, ct);

    private async Task<T> WriteAloneAsync<T>(Func<WriteContext, Task<T>> unit, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(c, ct);
        var context = new WriteContext(c, tx, ct);
        var result = await unit(context);
        if (context.Discarded)
        {
            await tx.RollbackAsync(ct);
        }
        else
        {
            await tx.CommitAsync(ct);
        }

        return result;
    }

    /// <summary>
    /// Takes this process's SQLite write gate for the connection until the connection closes (the transaction's
    /// <c>await using</c> scope ends just before the connection's). Re-entrant for the same connection.
    /// </summary>
    private async Task EnterWriteGateAsync(SqliteConnection connection, CancellationToken ct)
    {
        if (_gateHolders.TryGetValue(connection, out _))
        {
            return;
        }

        await _sqliteWriteGate.WaitAsync(ct);
        _gateHolders.AddOrUpdate(connection, this);
        var released = 0;
        void Release()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                _gateHolders.Remove(connection);
                _sqliteWriteGate.Release();
            }
        }

        connection.StateChange += (_, e) =>
        {
            if (e.CurrentState == ConnectionState.Closed)
            {
                Release();
            }
        };
        connection.Disposed += (_, _) => Release();
    }

    public async ValueTask DisposeAsync()
    {
        if (_npgsql is not null)
        {
            await _npgsql.DisposeAsync();
        }
    }
}
