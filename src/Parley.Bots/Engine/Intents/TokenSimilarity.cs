using Parley.Bots.Engine.Text;

namespace Parley.Bots.Engine.Intents;

/// <summary>How much a word of a message looks like a keyword, both in matching form.</summary>
internal static class TokenSimilarity
{
    /// <summary>"eventos" for "evento", "activities" for "activity", "luces" for "luz".</summary>
    public const double PluralScore = 0.95;

    /// <summary>A keyword of five or more letters followed by up to three more: "donate" in "donated".</summary>
    public const double PrefixScore = 0.9;

    /// <summary>Two neighbouring letters swapped in a four-letter word: "hlep" for "help".</summary>
    public const double ShortSwapScore = 0.75;

    private const int MaxPrefixExtension = 3;

    // No rule below accepts words further apart in length: a plural adds up to two letters, an
    // inflection three, a typo in a plural ("evntos") up to four.
    private const int MaxLengthDifference = 4;

    // Nor words whose letter sets differ more: two edits change four members, and dropping a plural's
    // "es" before them two more; "y" → "ies" changes four, an inflection's three extra letters three.
    private const int MaxSignatureDifference = 6;

    /// <summary>
    /// The letters of a word as a 64-bit set (by code unit, modulo 64). An edit changes at most two members,
    /// so words whose sets differ in more than 2k members are more than k edits apart — a cheap test that
    /// spares most dynamic-programming tables.
    /// </summary>
    public static ulong Signature(ReadOnlySpan<char> word)
    {
        var signature = 0UL;
        foreach (var c in word)
        {
            signature |= 1UL << (c & 63);
        }

        return signature;
    }

    /// <summary>1 for the same word, 0 for a different one, in between for plurals, inflections and typos.</summary>
    public static double Score(Keyword keyword, ReadOnlySpan<char> token, ulong tokenSignature)
    {
        var word = keyword.Text;
        if (Math.Abs(token.Length - word.Length) > MaxLengthDifference
            || ulong.PopCount(keyword.Signature ^ tokenSignature) > MaxSignatureDifference)
        {
            return 0.0;
        }

        if (token.SequenceEqual(word))
        {
            return 1.0;
        }

        if (IsPlural(word, token) || IsPlural(token, word))
        {
            return PluralScore;
        }

        if (word.Length >= 5
            && token.Length > word.Length
            && token.Length - word.Length <= MaxPrefixExtension
            && token.StartsWith(word, StringComparison.Ordinal))
        {
            return PrefixScore;
        }

        var score = Fuzzy(keyword, token, tokenSignature);

        // A typo in a plural ("evntos") is a typo in the singular, discounted like a plural.
        if (token.Length > 5 && token[^1] == 's')
        {
            var stem = token[..^1];
            score = Math.Max(score, PluralScore * Fuzzy(keyword, stem, Signature(stem)));
            if (token[^2] == 'e')
            {
                stem = token[..^2];
                score = Math.Max(score, PluralScore * Fuzzy(keyword, stem, Signature(stem)));
            }
        }

        return score;
    }

    /// <summary>
    /// Typo tolerance grows with length: words of three letters or fewer must be exact, four-letter words
    /// tolerate one swap of neighbours, five to seven letters one edit, eight or more two edits.
    /// Both words must be long enough, so "even" is not a typo of "event".
    /// </summary>
    private static double Fuzzy(Keyword keyword, ReadOnlySpan<char> token, ulong tokenSignature)
    {
        var word = keyword.Text;
        if (word.Length <= 3 || token.Length <= 3)
        {
            return 0.0;
        }

        if (word.Length == 4 || token.Length == 4)
        {
            return word.Length == token.Length && IsNeighbourSwap(word, token) ? ShortSwapScore : 0.0;
        }

        var maxEdits = word.Length >= 8 ? 2 : 1;
        if (Math.Abs(word.Length - token.Length) > maxEdits
            || ulong.PopCount(keyword.Signature ^ tokenSignature) > 2 * (ulong)maxEdits)
        {
            return 0.0;
        }

        var distance = DamerauLevenshtein.Distance(word, token, maxEdits);
        return distance > maxEdits ? 0.0 : 1.0 - (double)distance / Math.Max(word.Length, token.Length);
    }

    /// <summary>Whether <paramref name="plural"/> is a regular Spanish or English plural of <paramref name="singular"/>.</summary>
    private static bool IsPlural(ReadOnlySpan<char> singular, ReadOnlySpan<char> plural)
    {
        if (singular.Length < 3)
        {
            return false;
        }

        return (plural.Length - singular.Length) switch
        {
            // evento → eventos, event → events
            1 => plural[^1] == 's' && plural.StartsWith(singular),
            // reunión → reuniones, church → churches; activity → activities; luz → luces
            2 => (plural.EndsWith("es") && plural.StartsWith(singular))
                 || (singular[^1] == 'y' && plural.EndsWith("ies") && plural[..^3].SequenceEqual(singular[..^1]))
                 || (singular[^1] == 'z' && plural.EndsWith("ces") && plural[..^3].SequenceEqual(singular[..^1])),
            _ => false,
        };
    }

    private static bool IsNeighbourSwap(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var i = a.CommonPrefixLength(b);
        return i + 1 < a.Length
            && a[i] == b[i + 1]
            && a[i + 1] == b[i]
            && a[(i + 2)..].SequenceEqual(b[(i + 2)..]);
    }
}
