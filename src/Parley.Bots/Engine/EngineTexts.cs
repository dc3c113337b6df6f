namespace Parley.Bots.Engine;

/// <summary>
/// The engine's own sentences, in English and Spanish. A bot overrides any of them
/// (<see cref="EngineBot.Phrase"/>), and an account overrides the bot (<c>Texts:es:fallback</c>).
/// Placeholders are <c>{{name}}</c>; <c>customer_name</c> is always available.
/// </summary>
public static class EngineTexts
{
    public const string Greeting = "greeting";
    public const string GreetingAgain = "greeting_again";
    public const string Thanks = "thanks";
    public const string Help = "help";
    public const string MenuPrompt = "menu_prompt";
    public const string MenuButton = "menu_button";
    public const string Reset = "reset";
    public const string Fallback = "fallback";
    public const string RateLimited = "rate_limited";
    public const string OptedOut = "opted_out";
    public const string OptedIn = "opted_in";
    public const string NoData = "no_data";
    public const string Error = "error";
    public const string Friend = "friend";

    private static readonly Dictionary<string, Dictionary<string, string>> Texts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = new(StringComparer.Ordinal)
        {
            [Greeting] = "Hi {{customer_name}}! 👋",
            [GreetingAgain] = "Hi again, {{customer_name}}! What else can I help you with? Type *menu* for the options.",
            [Thanks] = "You're welcome! 😊 Is there anything else I can help you with?",
            [Help] = "I can help you with:\n{{topics}}\n\nType *menu* for the options or *reset* to start over.",
            [MenuPrompt] = "What can I help you with?",
            [MenuButton] = "Options",
            [Reset] = "Done, let's start over. Type *help* to see what I can do.",
            [Fallback] = "I did not understand, type *help* to see what I can do.",
            [RateLimited] = "You are sending messages faster than I can answer. Please wait a minute and try again.",
            [OptedOut] = "You will not receive any more messages from us. Send {{opt_in_word}} to subscribe again.",
            [OptedIn] = "Welcome back! You will receive our messages again. Type *help* to see what I can do.",
            [NoData] = "Sorry, I could not find that information right now. Type *help* to see what I can do.",
            [Error] = "Sorry, something went wrong on our side. Please try again in a moment.",
            [Friend] = "there",
        },
        ["es"] = new(StringComparer.Ordinal)
        {
            [Greeting] = "¡Hola {{customer_name}}! 👋",
            [GreetingAgain] = "¡Hola de nuevo, {{customer_name}}! ¿En qué más te puedo ayudar? Escribe *menú* para ver las opciones.",
            [Thanks] = "¡Con gusto! 😊 ¿Hay algo más en lo que te pueda ayudar?",
            [Help] = "Puedo ayudarte con:\n{{topics}}\n\nEscribe *menú* para ver las opciones o *reiniciar* para empezar de nuevo.",
            [MenuPrompt] = "¿En qué te puedo ayudar?",
            [MenuButton] = "Opciones",
            [Reset] = "Listo, empecemos de nuevo. Escribe *ayuda* para ver lo que puedo hacer.",
            [Fallback] = "No entendí tu mensaje, escribe *ayuda* para ver lo que puedo hacer.",
            [RateLimited] = "Estás enviando mensajes más rápido de lo que puedo responder. Espera un minuto y vuelve a intentarlo, por favor.",
            [OptedOut] = "Listo, ya no recibirás mensajes nuestros. Envía {{opt_in_word}} para volver a suscribirte.",
            [OptedIn] = "¡Qué gusto tenerte de vuelta! Volverás a recibir nuestros mensajes. Escribe *ayuda* para ver lo que puedo hacer.",
            [NoData] = "Lo siento, no encontré esa información en este momento. Escribe *ayuda* para ver lo que puedo hacer.",
            [Error] = "Lo siento, tuvimos un problema. Intenta de nuevo en un momento, por favor.",
            [Friend] = "amigo(a)",
        },
    };

    public static IReadOnlyCollection<string> Languages => Texts.Keys;

    /// <summary>The text in <paramref name="language"/> ("es-MX" uses "es"), else in English.</summary>
    public static string Get(string key, string language)
    {
        var baseLanguage = language.Split('-', '_')[0];
        return Texts.TryGetValue(baseLanguage, out var texts) && texts.TryGetValue(key, out var text)
            ? text
            : Texts["en"].TryGetValue(key, out var english) ? english : key;
    }
}
