using Parley.Bots.Engine.Definitions;
using Parley.Bots.Engine.Import;
using Parley.Bots.Engine.Intents;
using Parley.Bots.Ministry;

namespace Parley.Bots.Tests.Ministry;

/// <summary>The ministry bot's intents as shipped (examples/ministry.yaml), table-driven.</summary>
public sealed class MinistryIntentsTests
{
    private static readonly IntentMatcher Matcher = Load();

    private static IntentMatcher Load()
    {
        using var stream = new MinistryBot(null!, null!).OpenBuiltInDefinitions()!;
        using var reader = new StreamReader(stream);
        var file = BotDefinitionImporter.Parse(reader.ReadToEnd(), "ministry.yaml");
        return new IntentMatcher(file.Intents.Select(i => new IntentRecord("ministry", i.Name!)
        {
            Priority = i.Priority,
            Threshold = i.Threshold,
            Examples = i.Examples.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value),
        }.ToDefinition()));
    }

    [Theory]
    // Accents and case.
    [InlineData("quiero hacer una DONACIÓN", "donativos")]
    [InlineData("donacion", "donativos")]
    [InlineData("¿Cuál es la CLABE?", "donativos")]
    [InlineData("REUNION de jovenes", "eventos")]
    [InlineData("¿Quién es el LÍDER?", "ministerio")]
    [InlineData("necesito informacion", "general")]
    // Typos.
    [InlineData("donatvo", "donativos")]
    [InlineData("quiero donnar", "donativos")]
    [InlineData("evnto", "eventos")]
    [InlineData("conferncia", "eventos")]
    [InlineData("minsterio de jovenes", "ministerio")]
    [InlineData("infromacion", "general")]
    // Mixed case.
    [InlineData("DoNaTiVo", "donativos")]
    [InlineData("InFo DeL EvEnTo", "eventos")]
    // English.
    [InlineData("I want to donate", "donativos")]
    [InlineData("When is the next event?", "eventos")]
    [InlineData("how can I contact the pastor", "ministerio")]
    [InlineData("I have a question", "general")]
    // Ties go by priority: donativos > eventos > ministerio > general.
    [InlineData("donativo para el ministerio de jóvenes", "donativos")]
    [InlineData("información del evento", "eventos")]
    [InlineData("contacto para pedir información", "ministerio")]
    public void Match_FindsTheIntent(string text, string intent)
    {
        Matcher.Match(text, "es").ShouldNotBeNull().Intent.ShouldBe(intent);
    }

    [Theory]
    [InlineData("xyzzy")]
    [InlineData("¿qué hora es?")]
    [InlineData("the weather is nice")]
    [InlineData("")]
    [InlineData("'; DROP TABLE bot_intents; --")]
    public void Match_Unrelated_IsNoMatch(string text)
    {
        Matcher.Match(text, "es").ShouldBeNull();
    }
}
