namespace Parley.Core.Bots.Rules;

/// <summary>
/// The rules' own sentences, in English and Spanish. An account overrides any of them with <c>Texts:es:opted_out</c>
/// (or <c>Texts:opted_out</c> for every language); <c>{{customer_name}}</c> and <c>{{opt_in_word}}</c> are filled in.
/// </summary>
public static class BotRuleTexts
{
    public const string RateLimited = "rate_limited";
    public const string OptedOut = "opted_out";
    public const string OptedIn = "opted_in";

    private static readonly Dictionary<string, Dictionary<string, string>> Texts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = new(StringComparer.Ordinal)
        {
            [RateLimited] = "You are sending messages faster than I can answer. Please wait a minute and try again.",
            [OptedOut] = "You will not receive any more messages from us. Send {{opt_in_word}} to subscribe again.",
            [OptedIn] = "Welcome back! You will receive our messages again. Type *help* to see what I can do.",
        },
        ["es"] = new(StringComparer.Ordinal)
        {
            [RateLimited] = "Estás enviando mensajes más rápido de lo que puedo responder. Espera un minuto y vuelve a intentarlo, por favor.",
            [OptedOut] = "Listo, ya no recibirás mensajes nuestros. Envía {{opt_in_word}} para volver a suscribirte.",
            [OptedIn] = "¡Qué gusto tenerte de vuelta! Volverás a recibir nuestros mensajes. Escribe *ayuda* para ver lo que puedo hacer.",
        },
    };

    /// <summary>The text in <paramref name="language"/> ("es-MX" uses "es"), else in English.</summary>
    public static string Get(string key, string language)
    {
        var baseLanguage = language.Split('-', '_')[0];
        return Texts.TryGetValue(baseLanguage, out var texts) && texts.TryGetValue(key, out var text) ? text : Texts["en"][key];
    }
}
