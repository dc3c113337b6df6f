using Parley.Ai.Knowledge;

namespace Parley.Ai.Assistant;

/// <summary>Spanish or English, guessed from a message, for the assistant's own fixed texts (the model follows the user by itself).</summary>
public static class Language
{
    public const string English = "en";
    public const string Spanish = "es";

    private static readonly HashSet<string> SpanishWords = new(StringComparer.Ordinal)
    {
        "hola", "gracias", "como", "que", "quiero", "puedo", "donde", "cual", "cuanto", "cuando", "por", "favor", "necesito", "tengo",
        "el", "la", "los", "las", "para", "una", "uno", "con", "del", "es", "esta", "estoy", "buenos", "buenas", "dias", "tardes",
        "noches", "ayuda", "configuro", "configurar", "hacer", "sobre", "precio", "mi", "mis", "tu", "usted", "si", "pero",
        "y", "o", "de", "en", "se", "lo", "le", "al", "son", "hay", "porque", "pregunta", "informacion", "adios", "vale",
    };

    private static readonly HashSet<string> EnglishWords = new(StringComparer.Ordinal)
    {
        "hello", "hi", "thanks", "thank", "how", "what", "where", "when", "which", "who", "why", "the", "a", "an", "is", "are", "do",
        "does", "can", "could", "i", "you", "my", "your", "to", "of", "and", "or", "in", "on", "for", "with", "please", "help", "want",
        "need", "about", "it", "this", "that", "there", "yes", "no", "configure", "price", "bye",
    };

    /// <remarks>Words both languages use (menu, ok, hotel) count for neither: "menu" after an English hello stays English.</remarks>
    public static string Detect(string? text, string fallback = English)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (text.Contains('¿') || text.Contains('¡') || text.Contains('ñ') || text.Contains('Ñ'))
        {
            return Spanish;
        }

        int es = 0, en = 0;
        foreach (var token in TextAnalyzer.Tokens(text))
        {
            es += SpanishWords.Contains(token) ? 1 : 0;
            en += EnglishWords.Contains(token) ? 1 : 0;
        }

        if (es == en)
        {
            return text.Any(c => "áéíóúÁÉÍÓÚ".Contains(c)) ? Spanish : fallback;
        }

        return es > en ? Spanish : English;
    }
}
