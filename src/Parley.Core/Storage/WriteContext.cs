using System.Data.Common;

namespace Parley.Core.Storage;

/// <summary>What a write unit gets: the connection, its open write transaction, and a way to undo only its own changes.</summary>
public sealed class WriteContext(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
{
    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    /// <summary>The caller's token: a unit stops when its caller gives up.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Set by <see cref="Discard"/>.</summary>
    public bool Discarded { get; private set; }

    /// <summary>Rolls back what this unit wrote (and only that) once it returns; its result is still handed back.</summary>
    public void Discard() => Discarded = true;
}
