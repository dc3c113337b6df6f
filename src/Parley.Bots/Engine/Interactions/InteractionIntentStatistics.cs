using Dapper;
using Parley.Core.Statistics;
using Parley.Core.Storage;

namespace Parley.Bots.Engine.Interactions;

/// <summary>Intents recognised in a period and the bots' success rate and processing time, from the interaction log, for the statistics (API and dashboard).</summary>
public sealed class InteractionIntentStatistics(Database database) : IIntentStatistics
{
    public async Task<IReadOnlyList<NamedCount>> IntentsAsync(StatisticsQuery query, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<(string intent, long n)>(new CommandDefinition(
            $"""
            SELECT intent, COUNT(*) AS n FROM bot_interactions
            WHERE intent IS NOT NULL AND created_at >= @from AND created_at < @to {(query.AccountId is null ? "" : "AND account_id = @account")}
            GROUP BY intent
            ORDER BY COUNT(*) DESC
            LIMIT 100
            """,
            new { from = query.From.ToUnixTimeMilliseconds(), to = query.To.ToUnixTimeMilliseconds(), account = query.AccountId }, cancellationToken: ct));
        return rows.Select(r => new NamedCount(r.intent, r.n)).ToList();
    }

    public async Task<BotPerformance> PerformanceAsync(StatisticsQuery query, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleAsync<(long n, long ok, double? ms)>(new CommandDefinition(
            $"""
            SELECT COUNT(*) AS n, CAST(COALESCE(SUM(success), 0) AS BIGINT) AS ok, AVG(CAST(processing_ms AS DOUBLE PRECISION)) AS ms FROM bot_interactions
            WHERE created_at >= @from AND created_at < @to {(query.AccountId is null ? "" : "AND account_id = @account")}
            """,
            new { from = query.From.ToUnixTimeMilliseconds(), to = query.To.ToUnixTimeMilliseconds(), account = query.AccountId }, cancellationToken: ct));
        return new BotPerformance(row.n, row.ok, row.n == 0 ? 1 : (double)row.ok / row.n, Math.Round(row.ms ?? 0, 1));
    }
}
