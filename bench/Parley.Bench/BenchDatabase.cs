using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Parley.Bench;

/// <summary>
/// The database of one run: a SQLite file in a fresh directory, or a fresh PostgreSQL database created from the admin
/// connection string and dropped afterwards. Also read by the bench to verify what Parley stored.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _admin;
    private readonly string? _name;

    private BenchDatabase(string kind, string directory, string connectionString, string? admin, string? name)
    {
        Kind = kind;
        Directory = directory;
        ConnectionString = connectionString;
        _admin = admin;
        _name = name;
    }

    public string Kind { get; }

    /// <summary>Parley's data directory (SQLite file, key ring); shared by every instance of a run.</summary>
    public string Directory { get; }

    public string ConnectionString { get; }

    /// <param name="poolSize">Parley's connection pool per instance: PostgreSQL's default max_connections is 100 for everyone.</param>
    public static async Task<BenchDatabase> CreateAsync(string kind, string adminConnectionString, int poolSize = 30)
    {
        var directory = Path.Combine(Path.GetTempPath(), "parley-bench", Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        if (kind == "sqlite")
        {
            return new BenchDatabase(kind, directory, $"Data Source={Path.Combine(directory, "parley.db")}", null, null);
        }

        var name = $"parley_bench_{Guid.NewGuid():N}"[..28];
        await using (var c = new NpgsqlConnection(adminConnectionString))
        {
            await c.OpenAsync();
            await c.ExecuteAsync($"CREATE DATABASE {name}");
        }

        var builder = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, MaxPoolSize = poolSize };
        return new BenchDatabase(kind, directory, builder.ConnectionString, adminConnectionString, name);
    }

    /// <summary>The settings that point Parley at this database.</summary>
    public Dictionary<string, string> Settings() => new()
    {
        ["Parley:DataDirectory"] = Directory,
        ["Parley:Database:Provider"] = Kind,
        ["ConnectionStrings:Parley"] = ConnectionString,
    };

    public async Task<DbConnection> OpenAsync()
    {
        DbConnection c = Kind == "sqlite"
            ? new SqliteConnection(ConnectionString)
            : new NpgsqlConnection(ConnectionString);
        await c.OpenAsync();
        return c;
    }

    public async Task<long> ScalarAsync(string sql, object? args = null)
    {
        await using var c = await OpenAsync();
        return await c.ExecuteScalarAsync<long>(sql, args);
    }

    public async Task<List<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var c = await OpenAsync();
        return (await c.QueryAsync<T>(sql, args)).ToList();
    }

    /// <summary>On-disk size of the database (SQLite file plus WAL, or the PostgreSQL database), in MB.</summary>
    public async Task<double> SizeMbAsync()
    {
        if (Kind == "sqlite")
        {
            return System.IO.Directory.EnumerateFiles(Directory, "parley.db*").Sum(f => new FileInfo(f).Length) / 1048576.0;
        }

        return await ScalarAsync("SELECT pg_database_size(current_database())") / 1048576.0;
    }

    /// <summary>PostgreSQL's counters for this database (commits, rows written): with two readings, the work per message.</summary>
    public async Task<PgCounters?> PgCountersAsync()
    {
        if (Kind != "postgres")
        {
            return null;
        }

        await using var c = await OpenAsync();
        // pg_stat_database is updated when a backend reports; force this backend's report and read.
        return await c.QuerySingleAsync<PgCounters>(
            "SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_returned, tup_fetched, blks_hit, blks_read FROM pg_stat_database WHERE datname = current_database()");
    }

    /// <summary>CPU seconds used so far by each PostgreSQL backend serving this database (by pid, from /proc).</summary>
    public async Task<Dictionary<int, double>> PgBackendCpuAsync()
    {
        var result = new Dictionary<int, double>();
        if (Kind != "postgres")
        {
            return result;
        }

        await using var c = await OpenAsync();
        foreach (var pid in await c.QueryAsync<int>("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"))
        {
            result[pid] = ChildProcess.CpuSecondsOf(pid);
        }

        return result;
    }

    public sealed record PgCounters(long xact_commit, long xact_rollback, long tup_inserted, long tup_updated, long tup_deleted, long tup_returned, long tup_fetched, long blks_hit, long blks_read);

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_admin is not null)
        {
            try
            {
                await using var c = new NpgsqlConnection(_admin);
                await c.OpenAsync();
                await c.ExecuteAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
            }
            catch (NpgsqlException)
            {
                // A leftover bench database is harmless; it is named parley_bench_*.
            }
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
