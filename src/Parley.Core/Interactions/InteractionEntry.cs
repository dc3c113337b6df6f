namespace Parley.Core.Interactions;

/// <summary>One inbound message as a bot handled it: the route and intent that answered, the template, how long, whether it worked.</summary>
public sealed record InteractionEntry(long Id, string AccountId, long ConversationId, long MessageId, DateTimeOffset At)
{
    public string? Bot { get; init; }
    /// <summary>The contact's wa_id (digits).</summary>
    public string? Contact { get; init; }
    public string? Text { get; init; }
    public string? Route { get; init; }
    public string? Intent { get; init; }
    public double? Confidence { get; init; }
    public string? Template { get; init; }
    public string? Response { get; init; }
    public long ProcessingMs { get; init; }
    public bool Success { get; init; } = true;
    public string? Error { get; init; }
}
