namespace Parley.Bots.Engine.DataSources;

/// <summary>
/// A named, parameterized, read-only SQL query whose columns fill template parameters. Parameters are
/// written <c>@name</c> in the query and are always bound, never spliced into the SQL text.
/// </summary>
/// <param name="Query">One SELECT (or WITH ... SELECT) statement.</param>
public sealed record DataSourceDefinition(string Name, string Query)
{
    /// <summary>'' for every account.</summary>
    public string AccountId { get; init; } = "";
    public string? Description { get; init; }

    /// <summary>Null: Parley's own database. Otherwise the name of a connection string (<c>ConnectionStrings:NAME</c>).</summary>
    public string? Connection { get; init; }

    /// <summary><c>sqlite</c> or <c>postgres</c> for <see cref="Connection"/>; null: the same kind as Parley's database.</summary>
    public string? Provider { get; init; }

    /// <summary>The <c>@name</c>s the query uses, in any order.</summary>
    public IReadOnlyList<string> Parameters { get; init; } = [];

    public TimeSpan? Timeout { get; init; }
    public int? MaxRows { get; init; }

    /// <summary>Null: the engine's default; zero: not cached.</summary>
    public TimeSpan? CacheTtl { get; init; }

    public bool Active { get; init; } = true;
    public string Source { get; init; } = "api";
}
