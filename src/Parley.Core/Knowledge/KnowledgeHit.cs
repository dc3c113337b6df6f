namespace Parley.Core.Knowledge;

/// <summary>A passage retrieved for a question, with its score (higher is closer).</summary>
public sealed record KnowledgeHit(string Title, string? Heading, string Text, double Score);
