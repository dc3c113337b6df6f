namespace Parley.Core.Maintenance;

/// <summary>
/// A module's share of retention: deletes what of its own tables has outlived the retention settings. The
/// <see cref="RetentionCleaner"/> runs every registered task after Core's own tables, in the <c>cleanup</c> command and
/// the <see cref="RetentionJob"/> alike.
/// </summary>
public interface IRetentionTask
{
    /// <summary>What the count is of, as printed by <c>cleanup</c>: <c>interaction_logs</c>.</summary>
    string Name { get; }

    /// <summary>Deletes what is due (use <see cref="RetentionBatches"/>); returns how many rows or files went.</summary>
    Task<long> RunAsync(CancellationToken ct);
}
