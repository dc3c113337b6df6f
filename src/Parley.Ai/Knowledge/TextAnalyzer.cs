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
    private const int MinStem = 3;

    /// <summary>Inflectional and derivational endings of English and Spanish together (the language is unknown), longest first.</summary>
    private static readonly string[] Suffixes =
    [
        "amiento", "imiento", "izacion", "ization", "aciones", "iciones", "mente", "acion", "icion", "ation", "ments", "ement", "ment",
        "idad", "ando", "iendo", "able", "ible", "ing", "ado", "ido", "ers", "ed", "er", "ly", "ar", "ir", "en", "an",
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
        "estan", "estamos", "tienen", "tiene", "tienes", "dan", "dar", "dime", "mucho", "mucha", "muchos", "puedes", "podria", "debo",
        // English function and question words
        "about", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by", "can", "could", "did", "do", "does",
        "for", "from", "get", "had", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "need",
        "not", "of", "on", "or", "our", "please", "should", "so", "tell", "than", "that", "the", "their", "them", "then",
        "there", "these", "they", "this", "those", "to", "up", "us", "was", "we", "were", "what", "when", "where", "which",
        "who", "why", "will", "with", "would", "you", "your", "hello", "hi", "thanks", "want", "know", "much", "many", "often",
        "use", "uses", "used", "using", "some", "just", "also", "very", "really", "am", "i'm", "im", "let", "like", "work", "works",
    ], StringComparer.Ordinal);

    /// <summary>
    /// Words that name the same thing across Spanish and English, or in common synonyms, folded to one term before
    /// stemming: "usuario administrador" finds "admin user", "unsubscribe" finds "opt out".
    /// </summary>
    private static readonly FrozenDictionary<string, string> Synonyms = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["usuario"] = "user", ["usuarios"] = "user", ["administrador"] = "admin", ["administradores"] = "admin", ["administrator"] = "admin",
        ["administracion"] = "admin", ["contrasena"] = "password", ["proveedor"] = "provider", ["proveedores"] = "provider",
        ["mensaje"] = "message", ["mensajes"] = "message", ["plantilla"] = "template", ["plantillas"] = "template",
        ["costo"] = "cost", ["precio"] = "price", ["cuesta"] = "cost", ["gratis"] = "free",
        ["puerto"] = "port", ["humano"] = "human", ["persona"] = "person", ["agente"] = "agent", ["seguridad"] = "security",
        ["secure"] = "security", ["safe"] = "security", ["unsubscribe"] = "optout", ["unsubscribing"] = "optout", ["baja"] = "optout",
        ["prueba"] = "test", ["pruebas"] = "test", ["documento"] = "document", ["documentos"] = "document", ["archivo"] = "file",
        ["archivos"] = "file", ["instalar"] = "install", ["servidor"] = "server", ["cuenta"] = "account", ["cuentas"] = "account",
        ["llave"] = "key", ["modelo"] = "model", ["modelos"] = "model", ["imagen"] = "image", ["imagenes"] = "image",
        ["voz"] = "voice", ["bloquear"] = "block", ["asistente"] = "assistant", ["memoria"] = "memory", ["remember"] = "memory", ["recuerda"] = "memory",
    }.ToFrozenDictionary(StringComparer.Ordinal);

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

            terms.Add(Stem(Synonyms.TryGetValue(token, out var same) ? same : token));
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

    /// <summary>
    /// A light stemmer in three steps, so that inflected forms meet whatever their order of endings: the plural
    /// ("policies", "meses", "plants"), then one ending ("-ing", "-ación", "-ado", "-en"), then a final vowel
    /// ("configure", "abre", "dato"). Stems keep at least three letters; numbers stay as they are.
    /// </summary>
    public static string Stem(string token)
    {
        if (token.Length <= MinStem || !char.IsLetter(token[^1]))
        {
            return token;
        }

        var stem = token;
        if (stem.EndsWith("ies", StringComparison.Ordinal) && stem.Length - 3 >= MinStem)
        {
            stem = stem[..^3] + "y";
        }
        else if (stem.EndsWith("es", StringComparison.Ordinal) && stem.Length - 2 >= MinStem && !IsVowel(stem[^3]))
        {
            stem = stem[..^2];
        }
        else if (stem[^1] == 's' && stem.Length - 1 >= MinStem && stem[^2] is not ('s' or 'u' or 'i'))
        {
            stem = stem[..^1];
        }

        foreach (var suffix in Suffixes)
        {
            if (stem.Length - suffix.Length >= MinStem && stem.EndsWith(suffix, StringComparison.Ordinal))
            {
                stem = Undouble(stem[..^suffix.Length]);
                break;
            }
        }

        if (stem.Length - 1 >= MinStem && stem[^1] is 'a' or 'e' or 'o' or 'y' or 'i')
        {
            stem = stem[..^1];
        }

        return stem;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    /// <summary>"running" → "runn" → "run"; "shipped" → "shipp" → "ship".</summary>
    private static string Undouble(string stem) =>
        stem.Length > MinStem && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'z' or 'e' or 'o' or 'r') ? stem[..^1] : stem;
}
