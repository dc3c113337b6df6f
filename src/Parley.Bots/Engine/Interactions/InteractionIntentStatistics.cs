using Dapper;
using Parley.Core.Statistics;
using Parley.Core.Storage;

namespace Parley.Bots.Engine.Interactions;

/// <summary>Intents recognised in a period, counted from the interaction log, for the statistics (API and dashboard).</summary>
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
}
