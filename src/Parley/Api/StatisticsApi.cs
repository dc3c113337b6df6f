using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Statistics;

namespace Parley.Api;

/// <summary><c>GET /api/v1/statistics</c>: counts per day and per account, intents, templates, response times, failures.</summary>
public static class StatisticsApi
{
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(7);
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(366);

    public static RouteGroupBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/statistics", "Statistics");
        group.MapGet("/", ComputeAsync)
            .Read()
            .WithName("GetStatistics")
            .WithSummary("Message statistics for a period")
            .WithDescription(
                "`from` and `to` are ISO 8601 times (default: the last 7 days; at most 366 days). Days are UTC. " +
                "Response times run from an inbound message to the first reply sent for it (p50/p90/p95/p99, milliseconds). " +
                "`intents` stays empty until a bot engine reports them.")
            .ProducesValidationProblem()
            .WithExamples(response: Example);
        return group;
    }

    private static async Task<Results<Ok<MessageStatistics>, ValidationProblem>> ComputeAsync(
        DateTimeOffset? from, DateTimeOffset? to, string? account, StatisticsQueries statistics, TimeProvider time, CancellationToken ct)
    {
        var end = to ?? time.GetUtcNow();
        var start = from ?? end - DefaultPeriod;
        if (start >= end)
        {
            return ApiProblems.Validation("from", "'from' must be before 'to'.");
        }

        if (end - start > MaxPeriod)
        {
            return ApiProblems.Validation("from", $"The period may be at most {MaxPeriod.TotalDays:0} days.");
        }

        var result = await statistics.ComputeAsync(new StatisticsQuery(start, end) { AccountId = string.IsNullOrWhiteSpace(account) ? null : account.Trim() }, ct);
        return TypedResults.Ok(result);
    }

    private static readonly MessageStatistics Example = new(
        DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        DateTimeOffset.Parse("2026-01-08T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture))
    {
        Inbound = 120,
        Outbound = 180,
        Failed = 2,
        PerDay = [new DayCount(new DateOnly(2026, 1, 1), 20, 31), new DayCount(new DateOnly(2026, 1, 2), 100, 149)],
        PerAccount = [new AccountCount("sandbox", 120, 180, 2)],
        Templates = [new TemplateCount("order_shipped", "es", 12)],
        ResponseTimes = new ResponseTimes(118, 420, 900, 2100) { P95Ms = 1400 },
        Failures = [new FailureCount("131026", "Message undeliverable", 2)],
        ActiveConversations = 37,
        HumanConversations = 1,
    };
}
