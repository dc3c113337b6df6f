using System.Net;
using System.Net.Sockets;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Parley.Core.Storage;
using Parley.Testing;

namespace Parley.Core.Tests.Storage;

/// <summary>
/// Regression guard: a database outage made API and webhook requests answer 500 and made workers count attempts
/// against good messages. <see cref="DatabaseErrors.IsUnavailable"/> is what tells an outage from a failing statement;
/// the real errors are produced where that can be done without a server going down.
/// </summary>
public sealed class DatabaseErrorsTests
{
    [Theory]
    [InlineData("57P01")] // admin_shutdown: the server is restarting or stopping
    [InlineData("57P02")] // crash_shutdown
    [InlineData("57P03")] // cannot_connect_now: starting up
    [InlineData("08006")] // connection_failure
    [InlineData("08001")] // sqlclient_unable_to_establish_sqlconnection
    [InlineData("08000")] // connection_exception
    [InlineData("53300")] // too_many_connections: every slot taken (seen with many conversations at once on a shared server)
    public void PostgresShutdownAndConnectionStates_AreUnavailable(string sqlState) =>
        DatabaseErrors.IsUnavailable(Postgres(sqlState)).ShouldBeTrue();

    [Theory]
    [InlineData("23505")] // unique_violation
    [InlineData("40P01")] // deadlock_detected: transient for Npgsql, but a statement's problem, not an outage
    [InlineData("40001")] // serialization_failure
    [InlineData("42P01")] // undefined_table
    [InlineData("53100")] // disk_full
    public void PostgresStatementErrors_AreNot(string sqlState) =>
        DatabaseErrors.IsUnavailable(Postgres(sqlState)).ShouldBeFalse();

    [Fact]
    public void TransientNpgsqlErrors_AndSocketErrors_AreUnavailable_EvenWrapped()
    {
        var broken = new NpgsqlException("Exception while reading from stream", new EndOfStreamException());
        var refused = new SocketException((int)SocketError.ConnectionRefused);

        DatabaseErrors.IsUnavailable(broken).ShouldBeTrue();
        DatabaseErrors.IsUnavailable(refused).ShouldBeTrue();
        DatabaseErrors.IsUnavailable(new InvalidOperationException("wrapped", broken)).ShouldBeTrue();
        DatabaseErrors.IsUnavailable(new AggregateException(refused)).ShouldBeTrue();
        DatabaseErrors.IsUnavailable(new NpgsqlException("not transient")).ShouldBeFalse();
    }

    [Theory]
    [InlineData(5, true)] // SQLITE_BUSY
    [InlineData(14, true)] // SQLITE_CANTOPEN
    [InlineData(19, false)] // SQLITE_CONSTRAINT
    [InlineData(1, false)] // SQLITE_ERROR (bad SQL)
    [InlineData(13, false)] // SQLITE_FULL
    public void SqliteErrorCodes(int code, bool unavailable) =>
        DatabaseErrors.IsUnavailable(new SqliteException("sqlite", code)).ShouldBe(unavailable);

    [Fact]
    public void OtherErrors_AreNot()
    {
        DatabaseErrors.IsUnavailable(null).ShouldBeFalse();
        DatabaseErrors.IsUnavailable(new InvalidOperationException("a bug")).ShouldBeFalse();
        DatabaseErrors.IsUnavailable(new TimeoutException()).ShouldBeFalse();
        DatabaseErrors.IsUnavailable(new IOException("a file")).ShouldBeFalse();
    }

    [Fact]
    public async Task Real_PostgresConnectionRefused_IsUnavailable()
    {
        // A loopback port nobody listens on: what Npgsql throws while PostgreSQL is down.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=u;Password=p;Timeout=5;Pooling=false");

        var error = await Should.ThrowAsync<Exception>(() => connection.OpenAsync());

        DatabaseErrors.IsUnavailable(error).ShouldBeTrue(error.ToString());
    }

    [Fact]
    public async Task Real_SqliteFileThatCannotBeOpened_IsUnavailable()
    {
        var missing = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"), "no-such-folder", "parley.db");
        await using var connection = new SqliteConnection($"Data Source={missing};Mode=ReadWrite");

        var error = await Should.ThrowAsync<SqliteException>(() => connection.OpenAsync());

        DatabaseErrors.IsUnavailable(error).ShouldBeTrue(error.ToString());
    }

    [Fact]
    public async Task Real_SqliteBusy_IsUnavailable()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var holder = new SqliteConnection(test.ConnectionString + ";Pooling=false");
        await holder.OpenAsync();
        await holder.ExecuteAsync("CREATE TABLE t (x INTEGER); BEGIN IMMEDIATE; INSERT INTO t VALUES (1);");
        // Another process holding the write lock longer than this one waits (one second; 0 would mean wait for ever).
        await using var other = new SqliteConnection(test.ConnectionString + ";Pooling=false;Default Timeout=1");
        await other.OpenAsync();

        var error = await Should.ThrowAsync<SqliteException>(() => other.ExecuteAsync("BEGIN IMMEDIATE;"));

        DatabaseErrors.IsUnavailable(error).ShouldBeTrue(error.ToString());
        await holder.ExecuteAsync("ROLLBACK");
    }

    [PostgresFact]
    public async Task Real_PostgresBackendTerminated_IsUnavailable()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        await using var victim = new NpgsqlConnection(database.ConnectionString + ";Pooling=false");
        await victim.OpenAsync();
        var pid = victim.ProcessID;
        await using (var admin = new NpgsqlConnection(database.ConnectionString + ";Pooling=false"))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync("SELECT pg_terminate_backend(@pid)", new { pid });
        }

        // What a pooled connection meets after a restart: the server ended its session (57P01) or the socket is gone.
        var error = await Should.ThrowAsync<Exception>(() => victim.ExecuteScalarAsync<int>("SELECT 1"));

        DatabaseErrors.IsUnavailable(error).ShouldBeTrue(error.ToString());
    }

    private static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);
}
