namespace Parley.Ai.Knowledge;

/// <summary>A passage before it is stored: its place in the document, the heading path above it and its text.</summary>
public sealed record PassageDraft(int Ordinal, string Heading, string Text);
