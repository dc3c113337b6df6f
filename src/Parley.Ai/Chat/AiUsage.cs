namespace Parley.Ai.Chat;

/// <summary>One row of <c>ai_usage</c>: what one call for an answer cost and how it went.</summary>
public sealed record AiUsage(string AccountId, string Kind, string Provider, string Outcome)
{
    public const string Answer = "answer";
    public const string Phrasing = "phrasing";
    public const string Transcription = "transcription";
    public const string Embedding = "embedding";
    public const string Test = "test";

    public long? ConversationId { get; init; }
    public long? MessageId { get; init; }
    public string? Bot { get; init; }
    public string? Model { get; init; }
    public long? InputTokens { get; init; }
    public long? OutputTokens { get; init; }
    public long? TotalTokens { get; init; }
    public long LatencyMs { get; init; }
    public int Attempts { get; init; } = 1;
    public string? Error { get; init; }
    /// <summary>Ids of the knowledge-base passages the answer was given, as a JSON array.</summary>
    public string? Sources { get; init; }
}
