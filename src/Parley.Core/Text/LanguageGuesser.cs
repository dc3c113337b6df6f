using System.Collections.Frozen;

namespace Parley.Core.Text;

/// <summary>
/// Tells Spanish from English in a short message by words that belong to only one of them, and by Spanish
/// punctuation and letters (¿ ¡ ñ and accented vowels). Returns null when the message does not say: a
/// number, an emoji, "ok" or "STOP" keep the language the conversation already has.
/// </summary>
public static class LanguageGuesser
{
    private static readonly FrozenSet<string> Spanish = FrozenSet.ToFrozenSet(
    [
        "hola", "gracias", "quiero", "quisiera", "necesito", "donde", "cuando", "como", "cual", "cuales", "quien", "que",
        "para", "por", "favor", "los", "las", "del", "una", "unos", "unas", "el", "la", "es", "son", "esta", "estan",
        "mi", "tengo", "hacer", "sobre", "buenos", "buenas", "dias", "tardes", "noches", "ayuda", "informacion",
        "evento", "eventos", "donativo", "donacion", "donar", "ministerio", "iglesia", "proximo", "proxima", "hay",
        "puedo", "pueden", "saber", "dame", "baja", "alta", "cancelar", "reiniciar", "si", "tambien", "pero", "muy",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> English = FrozenSet.ToFrozenSet(
    [
        "hello", "hi", "hey", "thanks", "thank", "want", "would", "like", "need", "where", "when", "how", "which",
        "who", "what", "the", "is", "are", "to", "for", "of", "my", "please", "can", "could", "about", "next",
        "event", "events", "donation", "donate", "ministry", "church", "help", "information", "give",
        "unsubscribe", "good", "morning", "afternoon", "evening", "there", "yes", "you", "your", "do", "does", "and",
    ], StringComparer.Ordinal);

    /// <summary>"es", "en" or null when the message gives no clear sign.</summary>
    /// <param name="text">The message as written (accents and ¿¡ count as Spanish signs).</param>
    public static string? Guess(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var es = 0;
        var en = 0;
        foreach (var c in text)
        {
            if (c is '¿' or '¡' or 'ñ' or 'Ñ' or 'á' or 'é' or 'í' or 'ó' or 'ú' or 'Á' or 'É' or 'Í' or 'Ó' or 'Ú')
            {
                es++;
                break;
            }
        }

        foreach (var word in TextNormalizer.Tokenize(text))
        {
            es += Spanish.Contains(word) ? 1 : 0;
            en += English.Contains(word) ? 1 : 0;
        }

        return es > en ? "es" : en > es ? "en" : null;
    }
}
