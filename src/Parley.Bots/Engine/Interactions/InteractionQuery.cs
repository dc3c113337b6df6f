namespace Parley.Bots.Engine.Interactions;

/// <summary>Filters for <see cref="InteractionQueries.ListAsync"/>; all optional.</summary>
public sealed record InteractionQuery
{
    public string? AccountId { get; init; }
    public string? Bot { get; init; }
    public string? Intent { get; init; }
    public string? Template { get; init; }
    public string? Route { get; init; }
    public bool? Success { get; init; }

    /// <summary>The contact's wa_id (digits).</summary>
    public string? Contact { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }

    /// <summary>The cursor from the previous page: only records older than it (by id).</summary>
    public long? Before { get; init; }

    /// <summary>1 to 500; default 50.</summary>
    public int Limit { get; init; } = 50;
}
