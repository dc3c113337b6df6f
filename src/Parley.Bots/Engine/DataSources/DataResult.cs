namespace Parley.Bots.Engine.DataSources;

/// <summary>Rows read from a data source, each a column → value map (case-insensitive names).</summary>
/// <param name="Truncated">More rows matched than the row limit let through.</param>
public sealed record DataResult(IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows, bool Truncated)
{
    public static readonly DataResult Empty = new([], false);
}
