namespace Parley.Ai.Knowledge;

/// <param name="Index">Position of the passage in the list the index was built from.</param>
/// <param name="Coverage">Share (0–1) of the query's idf weight the passage contains.</param>
public sealed record LexicalHit(int Index, double Score, double Coverage);
