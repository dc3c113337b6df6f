using Dapper;
using Parley.Core.Storage;

namespace Parley.Core.Statistics;

/// <summary>Message statistics over a period, for the API, the admin dashboard and <c>monitor</c>.</summary>
public sealed class StatisticsQueries(Database database, IEnumerable<IIntentStatistics> intents)
{
    private const long DayMs = 86_400_000;

    /// <summary>Latencies beyond this many replies are not read: percentiles of the most recent ones are enough.</summary>
    private const int MaxLatencySamples = 100_000;

    public async Task<MessageStatistics> ComputeAsync(StatisticsQuery query, CancellationToken ct = default)
    {
        var p = new { from = query.From.ToUnixTimeMilliseconds(), to = query.To.ToUnixTimeMilliseconds(), account = query.AccountId };
        var accountFilter = query.AccountId is null ? "" : "AND account_id = @account";
        await using var c = await database.OpenAsync(ct);

        var days = (await c.QueryAsync<(long day, string direction, long n)>(new CommandDefinition(
            $"""
            SELECT created_at / {DayMs} AS day, direction, COUNT(*) AS n FROM messages
            WHERE created_at >= @from AND created_at < @to {accountFilter}
            GROUP BY created_at / {DayMs}, direction
            """, p, cancellationToken: ct))).ToList();
        var perDay = days.GroupBy(d => d.day).OrderBy(g => g.Key)
            .Select(g => new DayCount(
                DateOnly.FromDateTime(Clock.FromMs(g.Key * DayMs).UtcDateTime),
                g.Where(x => x.direction == "inbound").Sum(x => x.n),
                g.Where(x => x.direction == "outbound").Sum(x => x.n)))
            .ToList();

        var accounts = (await c.QueryAsync<(string account_id, string direction, long n, long failed)>(new CommandDefinition(
            $"""
            SELECT account_id, direction, COUNT(*) AS n, SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed FROM messages
            WHERE created_at >= @from AND created_at < @to {accountFilter}
            GROUP BY account_id, direction
            """, p, cancellationToken: ct))).ToList();
        var perAccount = accounts.GroupBy(a => a.account_id).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AccountCount(
                g.Key,
                g.Where(x => x.direction == "inbound").Sum(x => x.n),
                g.Where(x => x.direction == "outbound").Sum(x => x.n),
                g.Sum(x => x.failed)))
            .ToList();

        var templateName = database.Kind == DatabaseKind.Postgres
            ? "(content::jsonb)->'template'->>'name'"
            : "json_extract(content, '$.template.name')";
        var templateLanguage = database.Kind == DatabaseKind.Postgres
            ? "(content::jsonb)->'template'->>'language'"
            : "json_extract(content, '$.template.language')";
        var templates = (await c.QueryAsync<(string? name, string? language, long n)>(new CommandDefinition(
            $"""
            SELECT {templateName} AS name, {templateLanguage} AS language, COUNT(*) AS n FROM messages
            WHERE type = 'template' AND direction = 'outbound' AND created_at >= @from AND created_at < @to {accountFilter}
            GROUP BY {templateName}, {templateLanguage}
            ORDER BY COUNT(*) DESC
            """, p, cancellationToken: ct)))
            .Where(t => t.name is not null)
            .Select(t => new TemplateCount(t.name!, t.language, t.n))
            .ToList();

        var failures = (await c.QueryAsync<(string? error_code, string? error_reason, long n)>(new CommandDefinition(
            $"""
            SELECT error_code, error_reason, COUNT(*) AS n FROM messages
            WHERE status = 'failed' AND created_at >= @from AND created_at < @to {accountFilter}
            GROUP BY error_code, error_reason
            ORDER BY COUNT(*) DESC
            LIMIT 50
            """, p, cancellationToken: ct)))
            .Select(f => new FailureCount(f.error_code, f.error_reason, f.n))
            .ToList();

        var latencies = (await c.QueryAsync<long>(new CommandDefinition(
            $"""
            SELECT MIN(o.sent_at) - i.created_at FROM messages i JOIN messages o ON o.in_reply_to = i.id
            WHERE i.direction = 'inbound' AND o.sent_at IS NOT NULL AND i.created_at >= @from AND i.created_at < @to {accountFilter.Replace("account_id", "i.account_id", StringComparison.Ordinal)}
            GROUP BY i.id, i.created_at
            ORDER BY i.id DESC
            LIMIT {MaxLatencySamples}
            """, p, cancellationToken: ct))).Select(l => Math.Max(0, l)).ToList();

        var active = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(DISTINCT conversation_id) FROM messages WHERE created_at >= @from AND created_at < @to {accountFilter}", p, cancellationToken: ct));
        var human = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM conversations WHERE state = 'human' {accountFilter}", p, cancellationToken: ct));

        var intentCounts = new List<NamedCount>();
        BotPerformance? bots = null;
        foreach (var source in intents)
        {
            intentCounts.AddRange(await source.IntentsAsync(query, ct));
            var performance = await source.PerformanceAsync(query, ct);
            bots = bots is null ? performance : Combine(bots, performance);
        }

        return new MessageStatistics(query.From, query.To)
        {
            AccountId = query.AccountId,
            Inbound = perDay.Sum(d => d.Inbound),
            Outbound = perDay.Sum(d => d.Outbound),
            Failed = perAccount.Sum(a => a.Failed),
            PerDay = perDay,
            PerAccount = perAccount,
            Intents = intentCounts,
            Bots = bots,
            Templates = templates,
            ResponseTimes = Percentiles(latencies),
            Failures = failures,
            ActiveConversations = active,
            HumanConversations = human,
        };
    }

    /// <summary>Nearest-rank percentiles (the value below which that share of the samples falls).</summary>
    public static ResponseTimes Percentiles(List<long> samples)
    {
        if (samples.Count == 0)
        {
            return new ResponseTimes(0, null, null, null);
        }

        samples.Sort();
        double At(double q) => samples[Math.Clamp((int)Math.Ceiling(q * samples.Count) - 1, 0, samples.Count - 1)];
        return new ResponseTimes(samples.Count, At(0.50), At(0.90), At(0.99)) { P95Ms = At(0.95) };
    }

    private static BotPerformance Combine(BotPerformance a, BotPerformance b)
    {
        var n = a.Interactions + b.Interactions;
        var ok = a.Succeeded + b.Succeeded;
        return new BotPerformance(n, ok, n == 0 ? 1 : (double)ok / n,
            n == 0 ? 0 : ((a.AverageProcessingMs * a.Interactions) + (b.AverageProcessingMs * b.Interactions)) / n);
    }
}
