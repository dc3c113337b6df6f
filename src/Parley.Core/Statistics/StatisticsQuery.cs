namespace Parley.Core.Statistics;

public sealed record StatisticsQuery(DateTimeOffset From, DateTimeOffset To)
{
    public string? AccountId { get; init; }
}
