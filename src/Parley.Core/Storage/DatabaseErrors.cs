using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Parley.Core.Storage;

/// <summary>
/// Tells "the database is not there right now" (restarting, unreachable, busy) apart from "this statement is wrong":
/// the first is answered with 503 and retried later without counting against the message, the second is a failure.
/// </summary>
public static class DatabaseErrors
{
    // SQLITE_BUSY: another process holds the write lock past the busy timeout; SQLITE_CANTOPEN: the file or its folder is gone.
    private const int SqliteBusy = 5;
    private const int SqliteCantOpen = 14;

    // The server refuses new connections because every slot is taken (max_connections): a new connection later may work.
    private const string TooManyConnections = "53300";

    /// <summary>
    /// True when <paramref name="exception"/> (or one it wraps) says the database cannot be reached or used at the
    /// moment: SQLite busy or cannot open; Npgsql failing to connect or losing its connection (a transient
    /// <see cref="NpgsqlException"/>, a <see cref="SocketException"/>); PostgreSQL shutting down or refusing
    /// connections (SQLSTATE 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, class 08
    /// connection exception, 53300 too many connections). Errors PostgreSQL answers about a statement (constraints,
    /// deadlocks, syntax, a full disk) are not.
    /// </summary>
    public static bool IsUnavailable(Exception? exception)
    {
        // Wrapped errors count too (an AggregateException's InnerException is its first); bounded, in case of a cycle.
        for (var (e, depth) = (exception, 0); e is not null && depth < 10; e = e.InnerException, depth++)
        {
            switch (e)
            {
                case PostgresException postgres:
                    // PostgreSQL itself answered: only its shutdown and connection states mean "not available".
                    return postgres.SqlState is "57P01" or "57P02" or "57P03" or TooManyConnections || postgres.SqlState.StartsWith("08", StringComparison.Ordinal);
                case NpgsqlException { IsTransient: true }:
                    // Connecting failed, the connection broke mid-command, or a timeout: Npgsql's own transient errors.
                    return true;
                case SqliteException sqlite:
                    return sqlite.SqliteErrorCode is SqliteBusy or SqliteCantOpen;
                case SocketException:
                    return true;
            }
        }

        return false;
    }
}
