namespace Parley.Booking.Recommendations;

/// <summary>What a guest is looking for: a period, a party, children along, categories or interests named.</summary>
public sealed record RecommendationQuery
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public int PartySize { get; init; } = 1;

    /// <summary>The youngest in the party is a child: only activities without a minimum age above 6.</summary>
    public bool WithChildren { get; init; }

    /// <summary>Categories or interests named in the question (empty: anything).</summary>
    public IReadOnlyList<string> Wanted { get; init; } = [];

    public int Max { get; init; } = 5;
}
