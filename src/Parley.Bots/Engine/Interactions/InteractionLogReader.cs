using Dapper;
using Parley.Core.Interactions;
using Parley.Core.Statistics;
using Parley.Core.Storage;

namespace Parley.Bots.Engine.Interactions;

/// <summary>The engine's interaction log as the admin UI reads it (<see cref="IInteractionLogReader"/>).</summary>
public sealed class InteractionLogReader(InteractionQueries queries) : IInteractionLogReader
{
    public async Task<Page<InteractionEntry>> ListAsync(InteractionFilter filter, CancellationToken ct)
    {
        var page = await queries.ListAsync(new InteractionQuery
        {
            AccountId = filter.AccountId,
            Intent = filter.Intent,
            Template = filter.Template,
            Success = filter.Success,
            From = filter.From,
            To = filter.To,
            Before = filter.BeforeId,
            Limit = filter.Limit,
        }, ct);
        return new Page<InteractionEntry>(page.Items.Select(r => new InteractionEntry(r.Id, r.AccountId, r.ConversationId, r.MessageId, r.CreatedAt)
        {
            Bot = r.Bot,
            Contact = r.Contact,
            Text = r.Text,
            Route = r.Route,
            Intent = r.Intent,
            Confidence = r.Confidence,
            Template = r.Template,
            Response = r.Response,
            ProcessingMs = r.ProcessingMs,
            Success = r.Success,
            Error = r.Error,
        }).ToList(), page.NextCursor);
    }
}

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
