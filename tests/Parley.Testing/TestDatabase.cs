using Npgsql;
using Parley.Core.Storage;
using Xunit;
using Xunit.Sdk;

namespace Parley.Testing;

/// <summary>
/// A throw-away database for one test: a SQLite file in a temp folder, or a fresh PostgreSQL database
/// when <c>PARLEY_TEST_POSTGRES</c> holds a connection string (CI sets it; see .ci/run).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "PARLEY_TEST_POSTGRES";

    private readonly string? _adminConnectionString;
    private readonly string? _databaseName;

    private TestDatabase(DatabaseKind kind, string directory, string connectionString, string? admin, string? name)
    {
        Kind = kind;
        DataDirectory = directory;
        ConnectionString = connectionString;
        _adminConnectionString = admin;
        _databaseName = name;
    }

    public DatabaseKind Kind { get; }
    public string DataDirectory { get; }
    public string ConnectionString { get; }

    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s : null;

    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind)
    {
        var directory = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        if (kind == DatabaseKind.Sqlite)
        {
            return new TestDatabase(kind, directory, $"Data Source={Path.Combine(directory, "parley.db")}", null, null);
        }

        var admin = PostgresConnectionString ?? throw new InvalidOperationException($"{PostgresVariable} is not set.");
        var name = $"parley_t_{Guid.NewGuid():N}"[..30];
        await using (var c = new NpgsqlConnection(admin))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            await cmd.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(kind, directory, builder.ConnectionString, admin, name);
    }

    /// <summary>The configuration that points Parley at this database.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Parley:DataDirectory"] = DataDirectory,
        ["Parley:Database:Provider"] = Kind == DatabaseKind.Postgres ? "postgres" : "sqlite",
        ["ConnectionStrings:Parley"] = ConnectionString,
    };

    /// <summary>PostgreSQL's <c>host:port</c>, for a <see cref="Fakes.TcpProxy"/> in front of it.</summary>
    public string PostgresEndpoint
    {
        get
        {
            var b = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"{b.Host}:{b.Port}";
        }
    }

    /// <summary>The configuration that points Parley at this PostgreSQL database through <paramref name="proxy"/>, which the test can cut.</summary>
    public Dictionary<string, string?> Settings(Fakes.TcpProxy proxy)
    {
        var settings = Settings();
        settings["ConnectionStrings:Parley"] = new NpgsqlConnectionStringBuilder(ConnectionString) { Host = "127.0.0.1", Port = proxy.Port }.ConnectionString;
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_adminConnectionString is not null)
        {
            try
            {
                await using var c = new NpgsqlConnection(_adminConnectionString);
                await c.OpenAsync();
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)", c);
                await cmd.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException)
            {
                // Best effort: a leftover test database is harmless.
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>Runs a theory on SQLite.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SqliteDataAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) => [[DatabaseKind.Sqlite]];
}

/// <summary>Runs a theory on PostgreSQL; reported skipped when <c>PARLEY_TEST_POSTGRES</c> is not set.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresDataAttribute : DataAttribute
{
    public PostgresDataAttribute()
    {
        if (TestDatabase.PostgresConnectionString is null)
        {
            Skip = $"PostgreSQL tests run when {TestDatabase.PostgresVariable} holds a connection string (.ci/run sets it).";
        }
    }

    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) => [[DatabaseKind.Postgres]];
}

/// <summary>A fact that needs PostgreSQL; reported skipped without it.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestDatabase.PostgresConnectionString is null)
        {
            Skip = $"Needs PostgreSQL: set {TestDatabase.PostgresVariable} (.ci/run sets it).";
        }
    }
}
