using Parley.Bots.Engine.Intents;

namespace Parley.Bots.Tests.Engine.Intents;

/// <summary>The intents of the demo church-information bot, in Spanish and English.</summary>
internal static class DemoIntents
{
    // "apoyo" translates to "support", and so does "soporte": "support" is in two intents on purpose.
    public static IntentDefinition Donativos(int priority = 2, double? threshold = null) => new(
        "donativos", priority, Languages(
            es: ["donativo", "donación", "donar", "apoyo"],
            en: ["donation", "donate", "give", "support"]), threshold);

    public static IntentDefinition Ministerio(int priority = 1) => new(
        "ministerio", priority, Languages(
            es: ["ministerio", "contacto", "pastor", "líder"],
            en: ["ministry", "contact", "pastor", "leader"]));

    public static IntentDefinition Eventos(int priority = 1, double? threshold = null) => new(
        "eventos", priority, Languages(
            es: ["evento", "actividad", "reunión", "conferencia"],
            en: ["event", "activity", "meeting", "conference"]), threshold);

    public static IntentDefinition General(int priority = 0) => new(
        "general", priority, Languages(
            es: ["información", "ayuda", "soporte", "consulta"],
            en: ["information", "help", "support", "question"]));

    public static IntentMatcher Matcher() => new([Donativos(), Ministerio(), Eventos(), General()]);

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Languages(
        IReadOnlyList<string> es, IReadOnlyList<string> en) =>
        new Dictionary<string, IReadOnlyList<string>> { ["es"] = es, ["en"] = en };
}
