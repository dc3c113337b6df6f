using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Parley.Bots.Engine.DataSources;

/// <summary>
/// SQLite's authorizer on a connection of Parley's own database while a data source's statement is compiled: a read
/// of one of <see cref="ParleyTables"/> is denied (the statement fails with SQLITE_AUTH), whether the query names the
/// table or reaches it through a view, a subquery or a trigger. Disposing removes it: the pooled connection goes back
/// to Parley unrestricted.
/// </summary>
public sealed class SqliteReadAuthorizer : IDisposable
{
    private const int Read = 20;   // SQLITE_READ: param0 is the table, param1 the column
    private const int Ok = 0;      // SQLITE_OK
    private const int Deny = 1;    // SQLITE_DENY

    private readonly SqliteConnection _connection;

    private SqliteReadAuthorizer(SqliteConnection connection) => _connection = connection;

    /// <summary>The last table whose read was denied, or null.</summary>
    public string? Denied { get; private set; }

    public static SqliteReadAuthorizer Install(SqliteConnection connection, ParleyTables tables)
    {
        var authorizer = new SqliteReadAuthorizer(connection);
        raw.sqlite3_set_authorizer(connection.Handle, (strdelegate_authorizer)((_, action, table, _, _, _) =>
        {
            if (action == Read && tables.IsProtected(table))
            {
                authorizer.Denied = table;
                return Deny;
            }

            return Ok;
        }), null);
        return authorizer;
    }

    public void Dispose() => raw.sqlite3_set_authorizer(_connection.Handle, (strdelegate_authorizer?)null, null);
}
