namespace Parley.Core.Statistics;

/// <summary>The bots' record over a period, from the bot engine's interaction log.</summary>
/// <param name="Interactions">Inbound messages a bot handled.</param>
/// <param name="Succeeded">Those it handled without an error.</param>
/// <param name="SuccessRate">Succeeded / interactions, 0 to 1 (1 when there were none).</param>
/// <param name="AverageProcessingMs">Mean time a bot took per message, in milliseconds (0 when there were none).</param>
public sealed record BotPerformance(long Interactions, long Succeeded, double SuccessRate, double AverageProcessingMs);
