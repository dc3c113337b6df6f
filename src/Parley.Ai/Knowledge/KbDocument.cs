namespace Parley.Ai.Knowledge;

public sealed record KbDocument(long Id, string AccountId, string Bot, string Title, string Source, string Format, long Size, long Chars, long Passages, string Origin, DateTimeOffset UpdatedAt);
