namespace Parley.Ai.Knowledge;

/// <summary>What was stored when a document was added.</summary>
public sealed record KbAddResult(long Id, string Title, string Format, int Passages, int Chars, int Embedded);
