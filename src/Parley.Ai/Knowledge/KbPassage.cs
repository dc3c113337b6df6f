namespace Parley.Ai.Knowledge;

/// <summary>A stored passage with its document's title and source, as retrieval reads it.</summary>
public sealed record KbPassage(long Id, long DocumentId, string Title, string Source, string Heading, string Text, string[] Terms);
