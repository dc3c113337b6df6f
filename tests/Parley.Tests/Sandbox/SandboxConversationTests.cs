using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Parley.Tests.Sandbox;

/// <summary>
/// The sandbox path end to end: HTTP in, stored, processed by the echo bot (its own sandbox account, <c>echo</c>;
/// the <c>sandbox</c> account is served by the assistant), sent, statuses back.
/// </summary>
public sealed class SandboxConversationTests
{
    private const string Ana = "+15550001111";
    private const string Echo = "echo";

    [Theory, SqliteData, PostgresData]
    public async Task Hello_GetsGreetingAndEcho_WithTicksReachingRead(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind);

        var id = await app.SandboxFor(Echo).SendAsync(Ana, "hello", name: "Ana");

        var thread = await app.SandboxFor(Echo).WaitAsync(Ana, t => t.Count(m => m.Direction == "outbound" && m.Status == "read") == 2);
        thread[0].Id.ShouldBe(id);
        thread[0].Direction.ShouldBe("inbound");
        thread[0].Text.ShouldBe("hello");
        thread[1].Text.ShouldBe("Hi Ana! 👋 I'm Parley's demo bot.");
        thread[2].Text!.ShouldStartWith("You said: hello");
    }

    [Theory, SqliteData, PostgresData]
    public async Task Help_AnswersWithAListMenu_AndAChosenRowIsHandled(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind);
        await app.SandboxFor(Echo).SendAsync(Ana, "ayuda");

        var replies = await app.SandboxFor(Echo).WaitForRepliesAsync(Ana, 2);
        var menu = replies[1];
        menu.Type.ShouldBe("interactive");
        menu.Interactive!.Kind.ShouldBe("list");
        menu.Interactive.Sections!.SelectMany(s => s.Rows).Select(r => r.Id).ShouldBe(["buttons", "location", "about"]);

        await app.SandboxFor(Echo).ChooseAsync(Ana, "buttons", "Reply buttons", "list_reply");
        replies = await app.SandboxFor(Echo).WaitForRepliesAsync(Ana, 3);
        replies[2].Interactive!.Kind.ShouldBe("button");
        replies[2].Interactive!.Buttons!.Count.ShouldBe(3);
    }

    [Fact]
    public async Task SameClientIdTwice_StoresOneMessage_AndRepliesOnce()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);

        var first = await app.SandboxFor(Echo).SendAsync(Ana, "once", id: "client-1");
        var second = await app.SandboxFor(Echo).SendAsync(Ana, "once", id: "client-1");

        second.ShouldBe(first);
        await app.SandboxFor(Echo).WaitForRepliesAsync(Ana, 2);
        await Task.Delay(500);
        var thread = await app.SandboxFor(Echo).ThreadAsync(Ana);
        thread.Count(m => m.Direction == "inbound").ShouldBe(1);
        thread.Count(m => m.Direction == "outbound").ShouldBe(2);
    }

    [Fact]
    public async Task ManyMessages_AreAnsweredInTheOrderTheyArrived()
    {
        // More than the per-contact rate limit (10 a minute) allows: switched off, as order is what is tested here.
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Parley:Engine:RateLimit:Messages"] = "0" });
        for (var i = 0; i < 15; i++)
        {
            await app.SandboxFor(Echo).SendAsync(Ana, $"message {i}");
        }

        var replies = await app.SandboxFor(Echo).WaitForRepliesAsync(Ana, 16);
        var echoes = replies.Where(r => r.Text!.StartsWith("You said", StringComparison.Ordinal)).Select(r => r.Text!.Split('\n')[0]).ToList();
        echoes.ShouldBe(Enumerable.Range(0, 15).Select(i => $"You said: message {i}"));
    }

    [Theory]
    [InlineData("emoji and ZWJ 👨‍👩‍👧 🇲🇽")]
    [InlineData("RTL مرحبا بالعالم שלום")]
    [InlineData("combining e\u0301 a\u0308 and NUL \u0000 here")]
    [InlineData("   leading and trailing spaces   ")]
    public async Task OddUnicode_IsStoredAndEchoedIntact(string text)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);

        await app.SandboxFor(Echo).SendAsync(Ana, text);

        var thread = await app.SandboxFor(Echo).WaitAsync(Ana, t => t.Count(m => m.Direction == "outbound") >= 2);
        thread[0].Text.ShouldBe(text);
        // The bots read the sanitized text (Core's rules: normalized, control characters gone, trimmed); the stored message keeps every byte.
        thread.Last().Text!.ShouldStartWith($"You said: {Parley.Core.Text.TextNormalizer.Sanitize(text, 4096)}");
    }

    [Fact]
    public async Task FileUpload_IsStoredAndServed()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        var bytes = Encoding.UTF8.GetBytes("%PDF-1.4 tiny test document");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Ana), "from" },
            { new StringContent("the contract"), "text" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new("application/pdf");
        form.Add(file, "file", "contract.pdf");

        using var response = await app.Client.PostAsync("/api/v1/sandbox/echo/messages", form);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var thread = await app.SandboxFor(Echo).WaitAsync(Ana, t => t.Count(m => m.Direction == "outbound") >= 2);
        thread[0].Type.ShouldBe("document");
        thread[0].Media!.FileName.ShouldBe("contract.pdf");
        (await app.Client.GetByteArrayAsync(thread[0].Media!.Url)).ShouldBe(bytes);
    }

    [Fact]
    public async Task Contacts_ListsWhoChatted()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        await app.SandboxFor(Echo).SendAsync(Ana, "hola", name: "Ana");
        await app.SandboxFor(Echo).WaitForRepliesAsync(Ana, 2);

        var contacts = await app.Client.GetFromJsonAsync<List<Parley.Channels.Sandbox.SandboxContactView>>("/api/v1/sandbox/echo/contacts");

        contacts!.ShouldHaveSingleItem().Phone.ShouldBe(Ana);
        contacts[0].Name.ShouldBe("Ana");
    }
}
