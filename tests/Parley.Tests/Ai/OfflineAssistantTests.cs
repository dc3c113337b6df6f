using System.Net.Http.Json;
using Dapper;
using Parley.Ai.Chat;
using Parley.Channels.Sandbox;

namespace Parley.Tests.Ai;

/// <summary>The sandbox's default bot without any provider: it answers from the demo knowledge base by quoting it.</summary>
public sealed class OfflineAssistantTests
{
    private const string Ana = "+15550002222";

    [Theory, SqliteData, PostgresData]
    public async Task Question_IsAnsweredFromTheDemoKnowledgeBase_QuotedAndAttributed(DatabaseKind kind)
    {
        await using var app = await AiTestApp.OfflineAsync(kind);

        await app.Sandbox.SendAsync(Ana, "How do I configure Meta?");

        var reply = (await app.Sandbox.WaitForRepliesAsync(Ana, 1)).ShouldHaveSingleItem();
        reply.Text!.ShouldStartWith("Here's what I found in the knowledge base:");
        reply.Text.ShouldContain("*WhatsApp providers › Meta (WhatsApp Cloud API)* (whatsapp-providers.md)");
        reply.Text.ShouldContain("> To configure Meta, add an account with Provider set to meta");
        var usage = (await app.Get<AiUsageLog>().RecentAsync("sandbox", 5, CancellationToken.None)).ShouldHaveSingleItem();
        usage.provider.ShouldBe("offline");
        usage.outcome.ShouldBe("offline");
        usage.sources.ShouldNotBeNull();
    }

    [Fact]
    public async Task SpanishQuestion_GetsASpanishIntro()
    {
        await using var app = await AiTestApp.OfflineAsync();

        await app.Sandbox.SendAsync(Ana, "¿Cómo configuro Twilio?");

        var reply = (await app.Sandbox.WaitForRepliesAsync(Ana, 1)).ShouldHaveSingleItem();
        reply.Text!.ShouldStartWith("Esto es lo que encontré en la base de conocimiento:");
        reply.Text.ShouldContain("WhatsApp providers › Twilio");
    }

    [Fact]
    public async Task UnknownQuestion_SaysItDoesNotKnow_AndOffersAPerson_WhoTakesOver()
    {
        await using var app = await AiTestApp.OfflineAsync();

        await app.Sandbox.SendAsync(Ana, "What will the weather be in Paris tomorrow?");
        var dontKnow = (await app.Sandbox.WaitForRepliesAsync(Ana, 1)).ShouldHaveSingleItem();
        dontKnow.Text!.ShouldStartWith("I don't know the answer to that");
        dontKnow.Interactive!.Buttons!.Select(b => b.Id).ShouldBe(["human", "menu"]);

        await app.Sandbox.ChooseAsync(Ana, "human", "Talk to a person");
        var replies = await app.Sandbox.WaitForRepliesAsync(Ana, 2);
        replies[1].Text!.ShouldContain("asked a person from the team");
        (await ConversationStateAsync(app)).ShouldBe("human");

        // Once a person has taken over, the assistant stays quiet.
        var later = await app.Sandbox.SendAsync(Ana, "hello?");
        await Processing.WaitAsync(app, later);
        (await app.Sandbox.ThreadAsync(Ana)).Count(m => m.Direction == "outbound").ShouldBe(2);
    }

    [Fact]
    public async Task Greeting_IsHonestAboutBeingOffline()
    {
        await using var app = await AiTestApp.OfflineAsync();

        await app.Sandbox.SendAsync(Ana, "hola", name: "Ana");

        var reply = (await app.Sandbox.WaitForRepliesAsync(Ana, 1)).ShouldHaveSingleItem();
        reply.Text.ShouldBe("¡Hola Ana! 👋 Soy el asistente de este número de WhatsApp. Respondo citando una base de conocimiento — no soy un modelo de lenguaje. Pregúntame algo o escribe *menu*.");
    }

    [Fact]
    public async Task Help_ShowsAListMenu_WhoseTopicsRowListsTheDocuments()
    {
        await using var app = await AiTestApp.OfflineAsync();

        await app.Sandbox.SendAsync(Ana, "help");
        var menu = (await app.Sandbox.WaitForRepliesAsync(Ana, 1)).ShouldHaveSingleItem();
        menu.Interactive!.Kind.ShouldBe("list");
        menu.Interactive.Sections!.SelectMany(s => s.Rows).Select(r => r.Id).ShouldBe(["topics", "about", "human", "reset"]);

        await app.Sandbox.ChooseAsync(Ana, "topics", "What you know about", "list_reply");
        var topics = (await app.Sandbox.WaitForRepliesAsync(Ana, 2))[1];
        topics.Text!.ShouldContain("• The AI assistant");
        topics.Text!.ShouldContain("• WhatsApp providers");
    }

    [Fact]
    public async Task Reset_Acknowledges()
    {
        await using var app = await AiTestApp.OfflineAsync();

        await app.Sandbox.SendAsync(Ana, "reset");

        (await app.Sandbox.WaitForRepliesAsync(Ana, 1)).ShouldHaveSingleItem().Text!.ShouldStartWith("Done — I've forgotten our conversation");
    }

    [Fact]
    public async Task DemoKnowledge_IsLoadedOnce_AcrossRestarts()
    {
        await using var first = await AiTestApp.OfflineAsync();
        await first.Sandbox.SendAsync(Ana, "What is the sandbox?");
        await first.Sandbox.WaitForRepliesAsync(Ana, 1);
        var count = await DocumentCountAsync(first);
        count.ShouldBeGreaterThan(3);

        await using var second = TestApp.Start(first.Database, new Dictionary<string, string?> { ["Parley:Ai:BurstDelay"] = "00:00:00" });
        await second.Sandbox.SendAsync("+15550003333", "What is the sandbox?");
        await second.Sandbox.WaitForRepliesAsync("+15550003333", 1);

        (await DocumentCountAsync(second)).ShouldBe(count);
    }

    [Fact]
    public async Task EveryBuiltInBot_HasASandboxAccount()
    {
        await using var app = await AiTestApp.OfflineAsync();

        var accounts = await app.Client.GetFromJsonAsync<List<SandboxAccountView>>("/api/v1/sandbox/accounts");

        accounts!.Select(a => (a.Id, a.Bot)).ShouldBe([("sandbox", "assistant"), ("clinic", "clinic"), ("echo", "echo"), ("ministry", "ministry"), ("resort", "resort")]);
    }

    private static async Task<string> ConversationStateAsync(TestApp app)
    {
        await using var c = await app.Get<Database>().OpenAsync();
        return await c.ExecuteScalarAsync<string>("SELECT v.state FROM conversations v JOIN contacts k ON k.id = v.contact_id WHERE k.wa_id = @wa", new { wa = Ana.TrimStart('+') }) ?? "";
    }

    private static async Task<long> DocumentCountAsync(TestApp app)
    {
        await using var c = await app.Get<Database>().OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kb_documents WHERE account_id = 'sandbox'");
    }
}
