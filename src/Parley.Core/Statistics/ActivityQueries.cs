using Dapper;
using Parley.Core.Storage;

namespace Parley.Core.Statistics;

/// <summary>
/// The admin dashboard's live figures over a recent period, cheap enough to read every few seconds: every query is a
/// range over <c>messages.created_at</c> (indexed) or over the few conversations paused for a person.
/// </summary>
public sealed class ActivityQueries(Database database, TimeProvider time)
{
    private const long MinuteMs = 60_000;
    private const long HourMs = 3_600_000;
    private const int MaxReplySamples = 100_000;

    public async Task<ActivitySnapshot> SnapshotAsync(TimeSpan period, CancellationToken ct = default)
    {
        var to = time.GetUtcNow();
        var from = to - period;
        var p = new { from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() };
        await using var c = await database.OpenAsync(ct);

        var minutes = (await c.QueryAsync<(long minute, string direction, long n)>(new CommandDefinition(
            $"""
            SELECT created_at / {MinuteMs} AS minute, direction, COUNT(*) AS n FROM messages
            WHERE created_at >= @from AND created_at < @to
            GROUP BY created_at / {MinuteMs}, direction
            """, p, cancellationToken: ct))).ToList();

        var replies = (await c.QueryAsync<(long created_at, long latency)>(new CommandDefinition(
            $"""
            SELECT i.created_at, MIN(o.sent_at) - i.created_at AS latency FROM messages i JOIN messages o ON o.in_reply_to = i.id
            WHERE i.direction = 'inbound' AND o.sent_at IS NOT NULL AND i.created_at >= @from AND i.created_at < @to
            GROUP BY i.id, i.created_at
            ORDER BY i.id DESC
            LIMIT {MaxReplySamples}
            """, p, cancellationToken: ct))).ToList();

        var failures = (await c.QueryAsync<(string? error_code, string? error_reason, long n)>(new CommandDefinition(
            """
            SELECT error_code, error_reason, COUNT(*) AS n FROM messages
            WHERE status = 'failed' AND created_at >= @from AND created_at < @to
            GROUP BY error_code, error_reason
            ORDER BY COUNT(*) DESC
            LIMIT 20
            """, p, cancellationToken: ct))).Select(f => new FailureCount(f.error_code, f.error_reason, f.n)).ToList();

        var byStatus = (await c.QueryAsync<(string account_id, string direction, string status, long n)>(new CommandDefinition(
            """
            SELECT account_id, direction, status, COUNT(*) AS n FROM messages
            WHERE created_at >= @from AND created_at < @to
            GROUP BY account_id, direction, status
            """, p, cancellationToken: ct))).ToList();
        var lastInbound = (await c.QueryAsync<(string account_id, long at)>(new CommandDefinition(
            """
            SELECT account_id, MAX(created_at) AS at FROM messages
            WHERE direction = 'inbound' AND created_at >= @from AND created_at < @to
            GROUP BY account_id
            """, p, cancellationToken: ct))).ToDictionary(r => r.account_id, r => r.at, StringComparer.Ordinal);
        var lastSend = (await c.QueryAsync<(string account_id, string status, long status_at)>(new CommandDefinition(
            """
            SELECT account_id, status, status_at FROM messages WHERE id IN (
                SELECT MAX(id) FROM messages
                WHERE direction = 'outbound' AND status <> 'queued' AND created_at >= @from AND created_at < @to
                GROUP BY account_id)
            """, p, cancellationToken: ct))).ToDictionary(r => r.account_id, StringComparer.Ordinal);
        var lastFailure = (await c.QueryAsync<(string account_id, string? error_code, string? error_reason, long status_at)>(new CommandDefinition(
            """
            SELECT account_id, error_code, error_reason, status_at FROM messages WHERE id IN (
                SELECT MAX(id) FROM messages
                WHERE direction = 'outbound' AND status = 'failed' AND created_at >= @from AND created_at < @to
                GROUP BY account_id)
            """, p, cancellationToken: ct))).ToDictionary(r => r.account_id, StringComparer.Ordinal);
        var failedEvents = (await c.QueryAsync<(string account_id, long n)>(new CommandDefinition(
            "SELECT account_id, COUNT(*) AS n FROM webhook_events WHERE state = 'failed' GROUP BY account_id",
            cancellationToken: ct))).ToDictionary(r => r.account_id, r => r.n, StringComparer.Ordinal);

        var paused = await c.QuerySingleAsync<(long waiting, long held)>(new CommandDefinition(
            """
            SELECT COALESCE(SUM(CASE WHEN last_source = 'agent' THEN 0 ELSE 1 END), 0), COALESCE(SUM(CASE WHEN last_source = 'agent' THEN 1 ELSE 0 END), 0)
            FROM (SELECT (SELECT m.source FROM messages m WHERE m.conversation_id = v.id AND m.direction = 'outbound' ORDER BY m.id DESC LIMIT 1) AS last_source
                  FROM conversations v WHERE v.state = 'human') paused
            """, cancellationToken: ct));

        var accounts = byStatus.Select(r => r.account_id).Concat(failedEvents.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(id =>
            {
                var rows = byStatus.Where(r => r.account_id == id).ToList();
                long Out(string status) => rows.Where(r => r.direction == "outbound" && r.status == status).Sum(r => r.n);
                var send = lastSend.GetValueOrDefault(id);
                var failure = lastFailure.GetValueOrDefault(id);
                return new AccountActivity(id)
                {
                    Inbound = rows.Where(r => r.direction == "inbound").Sum(r => r.n),
                    Delivery = new DeliveryCounts(Out("queued"), Out("sent"), Out("delivered"), Out("read") + Out("played"), Out("failed")),
                    LastInboundAt = lastInbound.TryGetValue(id, out var at) ? Clock.FromMs(at) : null,
                    LastSendStatus = send.status,
                    LastSendAt = send.status is null ? null : Clock.FromMs(send.status_at),
                    LastFailureCode = failure.error_code,
                    LastFailureReason = failure.error_reason,
                    LastFailureAt = failure.account_id is null ? null : Clock.FromMs(failure.status_at),
                    FailedWebhookEvents = failedEvents.GetValueOrDefault(id),
                };
            })
            .ToList();

        return new ActivitySnapshot(from, to)
        {
            Inbound = minutes.Where(m => m.direction == "inbound").Sum(m => m.n),
            Outbound = minutes.Where(m => m.direction == "outbound").Sum(m => m.n),
            Failed = failures.Sum(f => f.Count),
            PerMinute = PerMinute(minutes, p.from, p.to),
            ReplyTimes = StatisticsQueries.Percentiles(replies.Select(r => Math.Max(0, r.latency)).ToList()),
            ReplyTimesPerHour = PerHour(replies, p.from, p.to),
            Failures = failures,
            Accounts = accounts,
            WaitingForPerson = paused.waiting,
            HeldByPeople = paused.held,
        };
    }

    private static List<MinuteCount> PerMinute(List<(long minute, string direction, long n)> rows, long from, long to)
    {
        var counts = rows.GroupBy(r => r.minute).ToDictionary(
            g => g.Key,
            g => (In: g.Where(r => r.direction == "inbound").Sum(r => r.n), Out: g.Where(r => r.direction == "outbound").Sum(r => r.n)));
        var result = new List<MinuteCount>();
        for (var minute = from / MinuteMs; minute <= (to - 1) / MinuteMs; minute++)
        {
            var (inbound, outbound) = counts.GetValueOrDefault(minute);
            result.Add(new MinuteCount(Clock.FromMs(minute * MinuteMs), inbound, outbound));
        }

        return result;
    }

    private static List<HourlyReplyTimes> PerHour(List<(long created_at, long latency)> replies, long from, long to)
    {
        var byHour = replies.GroupBy(r => r.created_at / HourMs).ToDictionary(g => g.Key, g => g.Select(r => Math.Max(0, r.latency)).ToList());
        var result = new List<HourlyReplyTimes>();
        for (var hour = from / HourMs; hour <= (to - 1) / HourMs; hour++)
        {
            result.Add(new HourlyReplyTimes(Clock.FromMs(hour * HourMs), StatisticsQueries.Percentiles(byHour.GetValueOrDefault(hour) ?? [])));
        }

        return result;
    }
}
