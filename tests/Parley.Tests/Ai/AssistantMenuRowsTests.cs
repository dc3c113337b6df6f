namespace Parley.Tests.Ai;

/// <summary>
/// Offline, every row of the assistant's menu is answered, whether chosen from the list or typed as a question, and
/// the questions issue 16 found answered with "I don't know" get an answer from the demo knowledge base.
/// </summary>
public sealed class AssistantMenuRowsTests
{
    private static readonly (string Typed, string Expected)[] Rows =
    [
        ("What can you do?", "I answer questions from this business's knowledge base"),
        ("¿Qué puedes hacer?", "Respondo preguntas citando la base de conocimiento"),
        ("What do you know about?", "I can answer questions about:"),
        ("¿De qué temas sabes?", "Puedo responder preguntas sobre:"),
        ("Talk to a person", "I've asked a person from the team to join"),
        ("Hablar con alguien", "le pedí a una persona del equipo"),
        ("Start over", "I've forgotten our conversation"),
        ("Empezar de nuevo", "olvidé nuestra conversación"),
    ];

    [Fact]
    public async Task EveryMenuRow_TypedOrChosen_IsAnswered()
    {
        await using var app = await AiTestApp.OfflineAsync();
        var menu = await AskAsync(app, "+15550007000", "menu");
        var rows = menu.Interactive!.Sections!.SelectMany(s => s.Rows).ToList();
        rows.Count.ShouldBe(4);

        var n = 1;
        foreach (var row in rows)
        {
            var contact = $"+1555000710{n++}";
            await app.Sandbox.ChooseAsync(contact, row.Id, row.Title, "list_reply");
            var reply = (await app.Sandbox.WaitForRepliesAsync(contact, 1)).Single();
            reply.Text.ShouldNotBeNullOrWhiteSpace();
            reply.Text.ShouldNotStartWith("I don't know", customMessage: row.Title);
        }

        foreach (var (typed, expected) in Rows)
        {
            var reply = await AskAsync(app, $"+1555000720{n++}", typed);
            reply.Text!.ShouldContain(expected, Case.Insensitive, typed);
        }
    }

    [Theory]
    [InlineData("What providers do you support?", "WhatsApp providers")]
    [InlineData("Does Parley support Twilio?", "Twilio")]
    [InlineData("Is there an admin panel?", "The admin panel")]
    [InlineData("How do I create an admin user?", "Creating an admin user")]
    public async Task IssueQuestions_AreAnsweredFromTheKnowledgeBase(string question, string citation)
    {
        await using var app = await AiTestApp.OfflineAsync();

        var reply = await AskAsync(app, "+15550007300", question);

        reply.Text!.ShouldStartWith("Here's what I found in the knowledge base:");
        reply.Text.ShouldContain(citation);
    }

    private static async Task<Parley.Channels.Sandbox.SandboxMessageView> AskAsync(TestApp app, string contact, string text)
    {
        await app.Sandbox.SendAsync(contact, text);
        return (await app.Sandbox.WaitForRepliesAsync(contact, 1)).Single();
    }
}
