using Parley.Core.Storage;

namespace Parley.Core.Interactions;

public sealed record InteractionFilter
{
    public string? AccountId { get; init; }
    public string? Intent { get; init; }
    public string? Template { get; init; }
    public bool? Success { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public long? BeforeId { get; init; }
    public int Limit { get; init; } = Paging.DefaultLimit;
}
