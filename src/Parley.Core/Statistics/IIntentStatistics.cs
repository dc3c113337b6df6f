namespace Parley.Core.Statistics;

/// <summary>
/// Counts of intents recognised in a period, from the bot engine's interaction log. The engine registers one;
/// until then the statistics report no intents.
/// </summary>
public interface IIntentStatistics
{
    Task<IReadOnlyList<NamedCount>> IntentsAsync(StatisticsQuery query, CancellationToken ct);
}
