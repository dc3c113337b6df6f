using Dapper;
using Parley.Core.Storage;

namespace Parley.Core.Statistics;

public sealed class MonitorQueries(
    Database database,
    StatisticsQueries statistics,
    Accounts.AccountStore accounts,
    Microsoft.Extensions.Options.IOptions<Outbound.OutboundOptions> outbound,
    TimeProvider time)
{
    public async Task<MonitorSnapshot> SnapshotAsync(string? accountId, TimeSpan period, CancellationToken ct = default)
    {
        var to = time.GetUtcNow();
        var from = to - period;
        var stats = await statistics.ComputeAsync(new StatisticsQuery(from, to) { AccountId = accountId }, ct);
        var p = new { from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds(), account = accountId };
        var accountFilter = accountId is null ? "" : "AND account_id = @account";
        await using var c = await database.OpenAsync(ct);
        var statuses = (await c.QueryAsync<(string status, long n)>(new CommandDefinition(
            $"SELECT status, COUNT(*) FROM messages WHERE direction = 'outbound' AND created_at >= @from AND created_at < @to {accountFilter} GROUP BY status",
            p, cancellationToken: ct))).ToDictionary(s => s.status, s => s.n, StringComparer.Ordinal);
        long Count(string s) => statuses.GetValueOrDefault(s);

        // Throttling shows as transient errors that mention a rate limit; providers word it differently.
        var throttled = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            $"""
            SELECT COUNT(*) FROM messages
            WHERE direction = 'outbound' AND created_at >= @from AND created_at < @to {accountFilter}
              AND last_error IS NOT NULL AND (LOWER(last_error) LIKE '%rate%' OR LOWER(last_error) LIKE '%429%' OR LOWER(last_error) LIKE '%throttl%')
            """, p, cancellationToken: ct));

        var backlog = await c.QuerySingleAsync<(long inbound, long outbound, long retrying)>(new CommandDefinition(
            $"""
            SELECT COALESCE(SUM(CASE WHEN direction = 'inbound' THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN direction = 'outbound' THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN direction = 'outbound' AND attempts > 0 THEN 1 ELSE 0 END), 0)
            FROM messages WHERE process_state = 1 {accountFilter}
            """, p, cancellationToken: ct));
        var failedEvents = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM webhook_events WHERE state = 'failed' {accountFilter}", p, cancellationToken: ct));
        var parked = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM pending_statuses WHERE 1 = 1 {accountFilter}", p, cancellationToken: ct));
        var outgoing = await c.QuerySingleAsync<(long pending, long failed)>(new CommandDefinition(
            """
            SELECT COALESCE(SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END), 0)
            FROM webhook_deliveries
            """, cancellationToken: ct));

        var hourAgo = to.ToUnixTimeMilliseconds() - 3_600_000;
        var sending = (await c.QueryAsync<(string account_id, long sent, long peak)>(new CommandDefinition(
            $"""
            SELECT account_id, SUM(n), MAX(n) FROM (
                SELECT account_id, COUNT(*) AS n FROM messages
                WHERE direction = 'outbound' AND sent_at >= @hourAgo {accountFilter}
                GROUP BY account_id, sent_at / 1000) per_second
            GROUP BY account_id
            """, new { hourAgo, account = accountId }, cancellationToken: ct))).ToDictionary(r => r.account_id, StringComparer.Ordinal);
        var rateLimits = new List<RateLimitUsage>();
        foreach (var a in await accounts.ListAsync(ct))
        {
            if (accountId is not null && a.Id != accountId)
            {
                continue;
            }

            var used = sending.GetValueOrDefault(a.Id);
            rateLimits.Add(new RateLimitUsage(a.Id, used.sent, used.peak,
                Number(a, "Outbound:MessagesPerSecond") ?? outbound.Value.MessagesPerSecond,
                (int)(Number(a, "Outbound:MessagesPerHour") ?? outbound.Value.MessagesPerHour)));
        }

        return new MonitorSnapshot(from, to)
        {
            AccountId = accountId,
            Inbound = stats.Inbound,
            Outbound = stats.Outbound,
            Delivery = new DeliveryCounts(Count("queued"), Count("sent"), Count("delivered"), Count("read") + Count("played"), Count("failed")),
            Failures = stats.Failures,
            Throttled = throttled,
            ResponseTimes = stats.ResponseTimes,
            RateLimits = rateLimits,
            Backlog = new Backlog
            {
                InboundPending = backlog.inbound,
                OutboundPending = backlog.outbound,
                OutboundRetrying = backlog.retrying,
                FailedWebhookEvents = failedEvents,
                ParkedStatuses = parked,
                OutgoingWebhooksPending = outgoing.pending,
                OutgoingWebhooksFailed = outgoing.failed,
            },
        };
    }

    private static double? Number(Accounts.Account account, string key) =>
        account.Setting(key) is { } s && double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
}
