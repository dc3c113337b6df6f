namespace Parley.Core.Inbound;

/// <summary>How webhook intake writes: <c>Parley:Intake</c>.</summary>
public sealed class IntakeOptions
{
    public const string SectionName = "Parley:Intake";

    /// <summary>
    /// Webhooks that arrive while a commit is under way are written together in the next transaction (group commit):
    /// one commit, one connection and one turn of SQLite's write gate for many deliveries. Off: one transaction each.
    /// Unset: on for SQLite, off for PostgreSQL, where the benchmark measured slower acknowledgements with it
    /// (docs/performance.md).
    /// </summary>
    public bool? GroupCommit { get; set; }

    /// <summary>The most deliveries one transaction holds.</summary>
    public int MaxGroupSize { get; set; } = 64;

    /// <summary>Transactions writing at once (PostgreSQL; SQLite has one writer). 0: 1 on SQLite, 4 on PostgreSQL.</summary>
    public int Writers { get; set; }
}
