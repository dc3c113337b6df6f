using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Parley.Ai.Knowledge;

/// <summary>
/// Turns text into retrieval terms for Spanish and English alike: lower case, accents folded ("configuración" and
/// "configuracion" meet), stop-words and question words dropped, and a light suffix-stripping stemmer shared by both
/// languages, so "configure", "configuring", "configuración" and "configurar" all become "configur".
/// </summary>
public static class TextAnalyzer
{
    private const int MinStem = 4;

    /// <summary>Longest first, so "aciones" wins over "es". English and Spanish endings together: the language is unknown.</summary>
    private static readonly string[] Suffixes =
    [
        "amientos", "imientos", "aciones", "iciones", "amiento", "imiento", "izations", "ization", "ations", "idades",
        "mente", "acion", "icion", "ation", "ments", "ables", "ibles", "ement", "ment", "idad", "ando", "iendo", "ados",
        "idos", "able", "ible", "ings", "ing", "ies", "ado", "ido", "ers", "es", "ed", "er", "ar", "ir", "ly",
        "as", "os", "s", "a", "o", "e",
    ];

    private static readonly FrozenSet<string> StopWords = FrozenSet.ToFrozenSet(
    [
        // Spanish function and question words
        "a", "al", "algo", "alguien", "como", "con", "cual", "cuales", "cuando", "cuanto", "cuanta", "cuantos", "cuantas",
        "de", "del", "donde", "el", "ella", "ellos", "en", "entre", "era", "es", "esa", "ese", "eso", "esta", "estas", "este",
        "esto", "estos", "estoy", "fue", "ha", "hay", "la", "las", "le", "les", "lo", "los", "mas", "me", "mi", "mis", "muy",
        "necesito", "ni", "no", "nos", "o", "para", "pero", "por", "porque", "puede", "puedo", "pueden", "que", "quien",
        "se", "si", "sin", "sobre", "son", "soy", "su", "sus", "tambien", "te", "tengo", "ti", "tu", "tus", "u", "un", "una",
        "unas", "uno", "unos", "usted", "y", "ya", "yo", "hola", "gracias", "favor", "quiero", "saber", "hacer", "hago",
        // English function and question words
        "about", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by", "can", "could", "did", "do", "does",
        "for", "from", "get", "had", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "need",
        "not", "of", "on", "or", "our", "please", "should", "so", "tell", "than", "that", "the", "their", "them", "then",
        "there", "these", "they", "this", "those", "to", "up", "us", "was", "we", "were", "what", "when", "where", "which",
        "who", "why", "will", "with", "would", "you", "your", "hello", "hi", "thanks", "want", "know", "there's", "what's",
    ], StringComparer.Ordinal);

    /// <summary>The terms of <paramref name="text"/>, in order, repeated as often as they occur.</summary>
    public static List<string> Terms(string? text)
    {
        var terms = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return terms;
        }

        foreach (var token in Tokens(text))
        {
            if (token.Length < 2 && !char.IsDigit(token[0]))
            {
                continue;
            }

            if (StopWords.Contains(token))
            {
                continue;
            }

            terms.Add(Stem(token));
        }

        return terms;
    }

    /// <summary>
    /// Lower-case, accent-folded words (letters and digits; apostrophes, dots and dashes split words). A camel-case
    /// identifier gives its parts and itself: "PhoneNumberId" → "phone", "number", "id", "phonenumberid".
    /// </summary>
    public static IEnumerable<string> Tokens(string text)
    {
        var word = new StringBuilder();
        foreach (var ch in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(ch))
            {
                word.Append(ch);
            }
            else if (word.Length > 0)
            {
                foreach (var token in Split(word.ToString()))
                {
                    yield return token;
                }

                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            foreach (var token in Split(word.ToString()))
            {
                yield return token;
            }
        }
    }

    private static IEnumerable<string> Split(string word)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 1; i < word.Length; i++)
        {
            if (char.IsUpper(word[i]) && char.IsLower(word[i - 1]))
            {
                parts.Add(word[start..i]);
                start = i;
            }
        }

        if (parts.Count > 0)
        {
            parts.Add(word[start..]);
            foreach (var part in parts)
            {
                yield return part.ToLowerInvariant();
            }
        }

        yield return word.ToLowerInvariant();
    }

    /// <summary>Lower case without diacritics: "Configuración" → "configuracion", "ñ" → "n".</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(ch));
            }
        }

        return builder.ToString();
    }

    /// <summary>Strips one suffix, keeping at least four letters; numbers and short words stay as they are.</summary>
    public static string Stem(string token)
    {
        if (token.Length <= MinStem || !char.IsLetter(token[^1]))
        {
            return token;
        }

        if (token[^1] == 'y')
        {
            // "policy" and "policies" meet at "polici".
            return token[..^1] + "i";
        }

        foreach (var suffix in Suffixes)
        {
            if (token.Length - suffix.Length >= MinStem && token.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = token[..^suffix.Length];
                return suffix == "ies" ? stem + "i" : Undouble(stem);
            }
        }

        return token;
    }

    /// <summary>"running" → "runn" → "run"; "shipped" → "shipp" → "ship".</summary>
    private static string Undouble(string stem) =>
        stem.Length > MinStem && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'z' or 'e' or 'o') ? stem[..^1] : stem;
}
