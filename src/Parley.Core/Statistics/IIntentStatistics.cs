namespace Parley.Core.Statistics;

/// <summary>
/// Counts of intents recognised in a period and the bots' performance, from the bot engine's interaction log. The engine registers one;
/// until then the statistics report no intents.
/// </summary>
public interface IIntentStatistics
{
    Task<IReadOnlyList<NamedCount>> IntentsAsync(StatisticsQuery query, CancellationToken ct);

    /// <summary>The bots' success rate and average processing time in the period.</summary>
    Task<BotPerformance> PerformanceAsync(StatisticsQuery query, CancellationToken ct);
}
