using System.Globalization;
using Parley.Ai.Chat;
using Parley.Ai.Knowledge;
using Xunit.Abstractions;

namespace Parley.Ai.Tests.Knowledge;

/// <summary>
/// Retrieval quality on two small corpora (a Spanish/English shop and Parley's own demo knowledge base): for each
/// question, the passage that must be found. Reports recall@3 — the share of questions whose passage is among the
/// first three — and fails below the bar, so a change to the analyzer or the index that hurts retrieval shows up.
/// </summary>
public sealed class RetrievalQualityTests(ITestOutputHelper output)
{
    private const double RequiredRecallAt3 = 0.85;

    private static readonly AiSettings Offline = new();

    /// <summary>Question, source file, and a heading the found passage must sit under ("" = any passage of the file).</summary>
    public static readonly (string Question, string Source, string Heading)[] ShopQuestions =
    [
        ("How long does delivery take?", "shipping.md", "Delivery times"),
        ("Do you ship internationally?", "shipping.md", "International shipping"),
        ("Can you send plants abroad?", "shipping.md", "International shipping"),
        ("How much does shipping cost?", "shipping.md", "Shipping costs"),
        ("Is shipping free?", "shipping.md", "Shipping costs"),
        ("Where is my order? I need the tracking number", "shipping.md", "Tracking"),
        ("Can I return a pot I bought?", "returns.md", "Return window"),
        ("When will I get my refund?", "returns.md", "Refund timing"),
        ("My plant arrived broken", "returns.md", "Damaged"),
        ("How often should I water my cactus?", "plant-care.md", "Watering"),
        ("There are little flies in the soil of my plant", "plant-care.md", "Pests"),
        ("When should I repot my plant?", "plant-care.md", "Repotting"),
        ("Which plants do well with low light?", "plant-care.md", "Light"),
        ("Should I use fertilizer in winter?", "plant-care.md", "Fertilizer"),
        ("What does the plant guarantee cover?", "guarantee.html", ""),
        ("How do I claim the guarantee for a dead plant?", "guarantee.html", "How to claim"),
        ("How do I talk to a person?", "contact.txt", ""),
        ("Do you sell wholesale for weddings?", "contact.txt", ""),
        ("¿A qué hora abren el domingo?", "tienda.md", "Horario"),
        ("¿Dónde están ubicados?", "tienda.md", "Ubicación"),
        ("¿Tienen estacionamiento?", "tienda.md", "Ubicación"),
        ("¿Puedo pagar en OXXO?", "pagos.md", "Formas de pago"),
        ("¿Aceptan meses sin intereses?", "pagos.md", "Meses sin intereses"),
        ("Necesito factura de mi compra", "pagos.md", "Factura"),
        ("Me rechazaron el pago con tarjeta", "pagos.md", "Pago rechazado"),
        ("Olvidé mi contraseña", "cuenta.md", "Cambiar la contraseña"),
        ("¿Cómo funcionan los puntos?", "cuenta.md", "Programa de puntos"),
        ("Quiero eliminar mi cuenta y mis datos", "cuenta.md", "Eliminar la cuenta"),
        ("¿Dan talleres de terrarios?", "tienda.md", "Talleres"),
        ("¿Puedo recoger mi pedido en la tienda?", "tienda.md", "Recoger en tienda"),
    ];

    public static readonly (string Question, string Source, string Heading)[] DemoQuestions =
    [
        ("How do I configure Meta?", "whatsapp-providers.md", "Meta"),
        ("¿Cómo configuro Meta?", "whatsapp-providers.md", "Meta"),
        ("How do I set up Twilio?", "whatsapp-providers.md", "Twilio"),
        ("Azure Communication Services webhook", "whatsapp-providers.md", "Azure Communication Services"),
        ("Which database does Parley use?", "configuration.md", "Storage and database"),
        ("How do I run Parley?", "getting-started.md", "Running Parley"),
        ("What is the sandbox?", "sandbox.md", ""),
        ("How do I use Ollama?", "assistant.md", "Model providers"),
        ("Can the assistant read PDFs?", "assistant.md", "Images, voice notes and documents"),
        ("How do I add documents to the knowledge base?", "assistant.md", "knowledge base"),
        ("What happens without a model provider?", "assistant.md", "Offline mode"),
        ("How do I run the tests?", "getting-started.md", "Running the tests"),
    ];

    [Fact]
    public async Task ShopCorpus_RecallAt3_MeetsTheBar()
    {
        await using var kb = await KnowledgeFixture.CreateAsync();
        var scope = new KbScope("shop", KbScope.Everyone);
        await kb.AddFolderAsync(Path.Combine(AppContext.BaseDirectory, "Knowledge", "Corpus"), scope);

        var recall = await MeasureAsync(kb, scope, ShopQuestions, "shop corpus");

        recall.ShouldBeGreaterThanOrEqualTo(RequiredRecallAt3);
    }

    [Fact]
    public async Task DemoKnowledge_RecallAt3_MeetsTheBar()
    {
        await using var kb = await KnowledgeFixture.CreateAsync();
        var scope = new KbScope("sandbox", KbScope.Everyone);
        foreach (var (name, content) in DemoKnowledge.Documents())
        {
            await kb.Knowledge.AddAsync(scope, name, content, "text/markdown", null, "demo", null, CancellationToken.None);
        }

        var recall = await MeasureAsync(kb, scope, DemoQuestions, "demo knowledge base");

        recall.ShouldBeGreaterThanOrEqualTo(RequiredRecallAt3);
    }

    [Fact]
    public async Task UnrelatedQuestions_FindNothing()
    {
        await using var kb = await KnowledgeFixture.CreateAsync();
        var scope = new KbScope("shop", KbScope.Everyone);
        await kb.AddFolderAsync(Path.Combine(AppContext.BaseDirectory, "Knowledge", "Corpus"), scope);

        foreach (var question in new[] { "What is the weather in Paris tomorrow?", "¿Quién ganó el partido de fútbol ayer?", "Write me a poem about cats" })
        {
            (await kb.Retriever.SearchAsync(scope, question, Offline, CancellationToken.None)).ShouldBeEmpty(question);
        }
    }

    private async Task<double> MeasureAsync(KnowledgeFixture kb, KbScope scope, (string Question, string Source, string Heading)[] questions, string name)
    {
        var hits = 0;
        foreach (var (question, source, heading) in questions)
        {
            var found = await kb.Retriever.SearchAsync(scope, question, Offline with { MaxPassages = 3 }, CancellationToken.None);
            var rank = found.ToList().FindIndex(p => p.Passage.Source == source && p.Passage.Heading.Contains(heading, StringComparison.OrdinalIgnoreCase));
            hits += rank is >= 0 and < 3 ? 1 : 0;
            output.WriteLine($"{(rank is >= 0 and < 3 ? $"#{rank + 1}" : "miss"),-5} {question}  →  {string.Join(" | ", found.Select(p => p.Citation))}");
        }

        var recall = (double)hits / questions.Length;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recall@3 on the {name}: {recall:P1} ({hits} of {questions.Length})"));
        return recall;
    }
}
