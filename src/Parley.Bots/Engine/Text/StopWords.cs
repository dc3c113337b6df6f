using System.Collections.Frozen;

namespace Parley.Bots.Engine.Text;

/// <summary>
/// Function words of Spanish and English, in matching form (lower case, no accents). They carry no
/// intent, so they never match a keyword on their own. "no", "si" and "yes" are deliberately absent:
/// bots ask yes/no questions.
/// </summary>
public static class StopWords
{
    private static readonly FrozenSet<string> Words = FrozenSet.ToFrozenSet(
    [
        // Spanish
        "a", "al", "con", "de", "del", "el", "en", "es", "esa", "ese", "eso", "esta", "este", "esto",
        "hay", "la", "las", "le", "les", "lo", "los", "me", "mi", "mis", "muy", "nos", "o", "para",
        "pero", "por", "que", "se", "sin", "su", "sus", "te", "tu", "tus", "u", "un", "una", "unas",
        "unos", "y", "ya", "yo",
        // English
        "an", "and", "are", "as", "at", "be", "by", "do", "does", "for", "from", "i", "in", "is", "it",
        "its", "my", "of", "on", "or", "our", "so", "that", "the", "these", "this", "those", "to",
        "was", "we", "with", "you", "your",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SpanLookup =
        Words.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether <paramref name="token"/> (already in matching form) is a stop-word.</summary>
    public static bool Contains(ReadOnlySpan<char> token) => SpanLookup.Contains(token);
}
