using System.Text;
using Parley.Ai.Knowledge;

namespace Parley.Tests.Ai;

/// <summary>The assistant as the bot engine's fallback: what an engine bot (ministry) does not understand.</summary>
public sealed class AssistantFallbackTests
{
    private const string Ana = "+15550007777";

    private const string Parking =
        "# Estacionamiento\n\nEl estacionamiento de la iglesia está en la calle Juárez 120 y es gratuito los domingos.\n\n" +
        "# Guardería\n\nLa guardería recibe a niños de 1 a 5 años durante el servicio principal.";

    [Fact]
    public async Task EngineBotWithoutDocuments_KeepsItsOwnDidNotUnderstand()
    {
        await using var app = await AiTestApp.OfflineAsync();
        var ministry = app.SandboxFor("ministry");

        await ministry.SendAsync(Ana, "hola");
        await ministry.WaitForRepliesAsync(Ana, 1);
        await ministry.SendAsync(Ana, "¿dónde estaciono el coche?");

        (await ministry.WaitForRepliesAsync(Ana, 2))[1].Text.ShouldBe("No entendí tu mensaje, escribe *ayuda* para ver lo que puedo hacer.");
    }

    [Theory, SqliteData, PostgresData]
    public async Task EngineBotWithDocuments_Offline_QuotesThePassage(DatabaseKind kind)
    {
        await using var app = await AiTestApp.OfflineAsync(kind);
        await AddDocumentAsync(app, null);
        var ministry = app.SandboxFor("ministry");

        await ministry.SendAsync(Ana, "hola");
        await ministry.WaitForRepliesAsync(Ana, 1);
        await ministry.SendAsync(Ana, "¿dónde está el estacionamiento?");

        var answer = (await ministry.WaitForRepliesAsync(Ana, 2))[1].Text!;
        answer.ShouldContain("calle Juárez 120");
        answer.ShouldNotContain("guardería", Case.Insensitive);
    }

    [Fact]
    public async Task EngineBotWithDocuments_WithAModel_AsksItWithThePassages()
    {
        await using var fake = await FakeOpenAi.StartAsync(requiredKey: AiTestApp.ApiKey);
        await using var app = await AiTestApp.WithOpenAiAsync(fake);
        await AddDocumentAsync(app, null);
        var ministry = app.SandboxFor("ministry");

        await ministry.SendAsync(Ana, "hola");
        await ministry.WaitForRepliesAsync(Ana, 1);
        await ministry.SendAsync(Ana, "¿dónde está el estacionamiento?");

        (await ministry.WaitForRepliesAsync(Ana, 2))[1].Text!.ShouldStartWith("Fake answer to: ¿dónde está el estacionamiento?");
        var request = fake.ChatRequests.Last();
        request.System.ShouldContain("calle Juárez 120");
        request.Messages.Last().Text.ShouldBe("<user_message>\n¿dónde está el estacionamiento?\n</user_message>");
    }

    [Fact]
    public async Task EngineCommandsStillComeFirst()
    {
        await using var app = await AiTestApp.OfflineAsync();
        await AddDocumentAsync(app, null);
        var ministry = app.SandboxFor("ministry");

        await ministry.SendAsync(Ana, "quiero hacer un donativo");

        (await ministry.WaitForRepliesAsync(Ana, 2))[1].Text!.ShouldContain("CLABE");
    }

    private static Task AddDocumentAsync(TestApp app, string? bot) =>
        app.Get<KnowledgeBase>().AddAsync(KbScope.For("ministry", bot), "iglesia.md", Encoding.UTF8.GetBytes(Parking), "text/markdown", "Iglesia", "test", null, CancellationToken.None);
}
