namespace Parley.Bots.Engine.Interactions;

/// <summary>
/// What happened to one inbound message in a bot: who (the whole wa_id; logs mask it), what they wrote,
/// the route that answered, the intent and its confidence, the template, the answer, how long it took,
/// and whether it worked.
/// </summary>
public sealed record InteractionRecord
{
    public long Id { get; init; }
    public required string AccountId { get; init; }
    public required string Bot { get; init; }
    public long ConversationId { get; init; }
    public long ContactId { get; init; }

    /// <summary>The contact's wa_id, unmasked (only the database holds it whole).</summary>
    public required string Contact { get; init; }
    public long MessageId { get; init; }
    public string? Text { get; init; }
    public string? Language { get; init; }

    /// <summary><c>intent</c>, <c>command:help</c>, <c>skill:NAME</c>, <c>flow:NAME</c>, <c>fallback</c>, <c>rate_limited</c>, <c>opt_out</c>, <c>takeover</c>, <c>error</c>, ...</summary>
    public required string Route { get; init; }
    public string? Intent { get; init; }
    public double? Confidence { get; init; }
    public string? Template { get; init; }
    public string? DataSource { get; init; }

    /// <summary>The replies as text, one per line group.</summary>
    public string? Response { get; init; }
    public long ProcessingMs { get; init; }
    public bool Success { get; init; } = true;
    public string? Error { get; init; }

    /// <summary>JSON: the session, flow, rows read, missing parameters and other details.</summary>
    public string? Context { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
