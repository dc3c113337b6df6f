namespace Parley.Bots.Engine.Import;

/// <summary>What an import wrote.</summary>
/// <param name="Kept">Existing rows left alone because a person changed them (built-in imports only).</param>
public sealed record ImportSummary(string Bot, string AccountId, int Intents, int Templates, int DataSources, int Kept)
{
    /// <summary>What was imported but will not work as written (a data source that reads Parley's own tables).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
