using System.Net;
using System.Text;
using Parley.Core.ApiKeys;

namespace Parley.Tests.Api;

/// <summary>POST /api/v1/messages (validation, the 24-hour rule, idempotency, the sandbox end to end) and GET /api/v1/messages/{id}.</summary>
public sealed class MessagesApiTests
{
    private const string Ana = "+15550001111";

    [Theory, SqliteData, PostgresData]
    public async Task SandboxSend_ReachesTheThreadAsOutbound_AndItsStatusHistoryEndsRead(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind);
        using var api = await app.ApiClientAsync(ApiScopes.Read, ApiScopes.MessagesSend);
        await app.Sandbox.SendAsync(Ana, "hello", name: "Ana");
        await app.Sandbox.WaitForRepliesAsync(Ana, 1);

        var (response, accepted) = await api.PostJsonAsync("/api/v1/messages", new { account = "sandbox", to = Ana, type = "text", text = "Your order has shipped." });

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/messages/{accepted.Str("id")}");
        accepted.Str("status").ShouldBe("queued");
        var id = accepted.Str("id");
        var thread = await app.Sandbox.WaitAsync(Ana, t => t.Any(m => m.Id == id && m.Status == "read"));
        var sent = thread.Single(m => m.Id == id);
        sent.Direction.ShouldBe("outbound");
        sent.Text.ShouldBe("Your order has shipped.");

        var message = await api.GetJsonAsync($"/api/v1/messages/{id}");
        message.Str("status").ShouldBe("read");
        message.Str("source").ShouldBe("api");
        // Ordered by each status's own time; the sandbox's receipts can carry a time before Parley recorded "sent".
        message.GetProperty("statusHistory").EnumerateArray().Select(s => s.Str("status")).ShouldBe(["sent", "delivered", "read"], ignoreOrder: true);
    }

    [Fact]
    public async Task FreeForm_WithoutAnInboundMessage_Is422TemplateRequired()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.MessagesSend);

        var (response, problem) = await api.PostJsonAsync("/api/v1/messages", new { account = "sandbox", to = "+15550002222", text = "hi" });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        problem.Str("code").ShouldBe("template_required");
        problem.Str("detail").ShouldContain("template");
    }

    [Fact]
    public async Task FreeForm_AfterTheWindowClosed_Is422_ButATemplateIsAccepted()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.MessagesSend);
        await app.Sandbox.SendAsync(Ana, "hello");
        await app.Sandbox.WaitForRepliesAsync(Ana, 1);
        await ApiSeed.AgeLastInboundAsync(app, TimeSpan.FromHours(25));

        var (refused, problem) = await api.PostJsonAsync("/api/v1/messages", new { account = "sandbox", to = Ana, text = "still there?" });
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        problem.Str("code").ShouldBe("template_required");
        problem.Str("detail").ShouldContain("more than 24 hours ago");

        await ApiSeed.TemplateAsync(app, "order_shipped", "es", "Hola {{1}}, tu pedido {{2}} va en camino.");
        var (accepted, body) = await api.PostJsonAsync("/api/v1/messages", new
        {
            account = "sandbox", to = Ana, type = "template",
            template = new { name = "order_shipped", language = "es", parameters = new[] { "Ana", "A-1" } },
        });
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var id = body.Str("id");
        var thread = await app.Sandbox.WaitAsync(Ana, t => t.Any(m => m.Id == id));
        thread.Single(m => m.Id == id).Template!.RenderedText.ShouldBe("Hola Ana, tu pedido A-1 va en camino.");
    }

    [Fact]
    public async Task Template_WithAMissingParameter_Is400NamingTemplateParameters()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.MessagesSend);
        await ApiSeed.TemplateAsync(app, "order_shipped", "es", "Hola {{1}}, tu pedido {{2}} va en camino.");

        var (response, problem) = await api.PostJsonAsync("/api/v1/messages", new
        {
            account = "sandbox", to = Ana, template = new { name = "order_shipped", language = "es", parameters = new[] { "Ana" } },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["template.parameters"]);
        problem.GetProperty("errors").GetProperty("template.parameters")[0].GetString()!.ShouldContain("{{2}}");
    }

    [Fact]
    public async Task UnknownTemplate_WhenTheCatalogueHasTheAccount_Is400NamingTemplateName()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.MessagesSend);
        await ApiSeed.TemplateAsync(app, "order_shipped", "es", "Hola {{1}}");

        var (response, problem) = await api.PostJsonAsync("/api/v1/messages", new { account = "sandbox", to = Ana, template = new { name = "order_shiped", language = "es" } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["template.name"]);
    }

    [Theory]
    [InlineData("""{"to":"+15550001111","text":"hi"}""", "account")]
    [InlineData("""{"account":"sandbox","text":"hi"}""", "to")]
    [InlineData("""{"account":"sandbox","to":"12","text":"hi"}""", "to")]
    [InlineData("""{"account":"nope","to":"+15550001111","text":"hi"}""", "account")]
    [InlineData("""{"account":"sandbox","to":"+15550001111","type":"carrier-pigeon","text":"hi"}""", "type")]
    [InlineData("""{"account":"sandbox","to":"+15550001111","type":"image"}""", "media")]
    [InlineData("""{"account":"sandbox","to":"+15550001111","type":"image","media":{"url":"ftp://x/y.png"}}""", "media.url")]
    [InlineData("""{"account":"sandbox","to":"+15550001111","type":"audio","text":"caption","media":{"url":"https://x/y.ogg"}}""", "text")]
    [InlineData("""{"account":"sandbox","to":"+15550001111","location":{"latitude":91,"longitude":0}}""", "location.latitude")]
    [InlineData("""{"account":"sandbox","to":"+15550001111","location":{"latitude":"north","longitude":0}}""", "location.latitude")]
    [InlineData("""{"account":"sandbox","to":"+15550001111","type":"reaction","reaction":{"emoji":"👍"}}""", "reaction.messageId")]
    [InlineData("""{"account":"sandbox","to":"+15550001111","text":"pick","interactive":{"kind":"button","buttons":[{"id":"a","title":"This title is far too long for a button"}]}}""", "interactive.buttons[0].title")]
    [InlineData("""{"account":"sandbox","to":"+15550001111","text":"pick","interactive":{"kind":"button","buttons":[{"id":"a","title":"A"},{"id":"b","title":"B"},{"id":"c","title":"C"},{"id":"d","title":"D"}]}}""", "interactive.buttons")]
    [InlineData("""{"account":"sandbox","to":"+15550001111","interactive":{"kind":"list","listButton":"Menu","sections":[{"rows":[{"id":"r","title":"Row"}]}]}}""", "text")]
    [InlineData("""{"account":"sandbox","to":"+15550001111","type":"template","template":{"language":"es"}}""", "template.name")]
    [InlineData("""{"account":"sandbox","to":"+15550001111","text":"hi","replyTo":"abc"}""", "replyTo")]
    public async Task InvalidRequest_Is400ProblemNamingTheField(string body, string field)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.MessagesSend);

        using var response = await api.PostAsync("/api/v1/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.JsonAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, problem.ToString());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        problem.ErrorFields().ShouldContain(field, problem.ToString());
    }

    [Fact]
    public async Task MalformedJson_Is400Problem()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.MessagesSend);

        using var response = await api.PostAsync("/api/v1/messages", new StringContent("{\"account\": ", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task SameIdempotencyKeyTwice_QueuesOneMessage()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.MessagesSend, ApiScopes.Read);
        await app.Sandbox.SendAsync(Ana, "hello");
        await app.Sandbox.WaitForRepliesAsync(Ana, 1);
        var body = new { account = "sandbox", to = Ana, text = "once", idempotencyKey = "order-1" };

        var (_, first) = await api.PostJsonAsync("/api/v1/messages", body);
        var (second, again) = await api.PostJsonAsync("/api/v1/messages", body);

        second.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        again.Str("id").ShouldBe(first.Str("id"));
        again.GetProperty("created").GetBoolean().ShouldBeFalse();
        await Task.Delay(300);
        (await app.Sandbox.ThreadAsync(Ana)).Count(m => m.Text == "once").ShouldBe(1);
    }

    [Fact]
    public async Task InteractiveLocationAndReaction_AreQueued_AndReplyToQuotesTheMessage()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.MessagesSend, ApiScopes.Read);
        var inbound = await app.Sandbox.SendAsync(Ana, "hello");
        await app.Sandbox.WaitForRepliesAsync(Ana, 1);

        var (buttons, b) = await api.PostJsonAsync("/api/v1/messages", new
        {
            account = "sandbox", to = Ana, text = "Pick one", replyTo = inbound,
            interactive = new { kind = "button", buttons = new[] { new { id = "yes", title = "Yes" }, new { id = "no", title = "No" } } },
        });
        var (location, _) = await api.PostJsonAsync("/api/v1/messages", new { account = "sandbox", to = Ana, location = new { latitude = 19.43, longitude = -99.13, name = "Zócalo" } });
        var (reaction, _) = await api.PostJsonAsync("/api/v1/messages", new { account = "sandbox", to = Ana, reaction = new { messageId = inbound, emoji = "👍" } });

        buttons.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        location.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        reaction.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var sent = await api.GetJsonAsync($"/api/v1/messages/{b.Str("id")}");
        sent.Str("type").ShouldBe("interactive");
        sent.GetProperty("content").GetProperty("contextMessageId").GetString().ShouldStartWith("sbx.in.");
        sent.GetProperty("content").GetProperty("interactive").GetProperty("buttons").GetArrayLength().ShouldBe(2);
        var thread = await app.Sandbox.WaitAsync(Ana, t => t.Count(m => m.Direction == "outbound" && m.Status == "read") >= 4); // the greeting and the three sent
        thread.ShouldContain(m => m.Type == "location");
        thread.ShouldContain(m => m.Type == "reaction");
    }

    [Fact]
    public async Task OptedOutContact_Is422()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.Admin);
        await app.Sandbox.SendAsync(Ana, "hello");
        await app.Sandbox.WaitForRepliesAsync(Ana, 1);
        var contact = (await api.GetJsonAsync("/api/v1/contacts?search=5550001111")).GetProperty("items")[0].Str("id");
        (await api.PostAsync($"/api/v1/contacts/{contact}/optout", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var (response, problem) = await api.PostJsonAsync("/api/v1/messages", new { account = "sandbox", to = Ana, text = "hi" });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        problem.Str("code").ShouldBe("contact_opted_out");
    }

    [Fact]
    public async Task UnknownMessage_Is404Problem()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.Read);

        using var response = await api.GetAsync("/api/v1/messages/999999");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task History_ListsTheContactsMessagesNewestFirst_AndValidatesThePhone()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.Read);
        await app.Sandbox.SendAsync(Ana, "hello");
        await app.Sandbox.WaitForRepliesAsync(Ana, 1);

        var history = await api.GetJsonAsync("/api/v1/history?phone=%2B15550001111&limit=10");
        var messages = history.GetProperty("messages").EnumerateArray().ToList();
        messages.Count.ShouldBe(2); // hello and the assistant's greeting
        messages[^1].Str("text").ShouldBe("hello");
        messages[^1].Str("direction").ShouldBe("inbound");
        (await api.GetJsonAsync("/api/v1/history?phone=%2B15550001111&limit=1")).GetProperty("messages").GetArrayLength().ShouldBe(1);
        (await api.GetJsonAsync("/api/v1/history?phone=%2B15550001111&account=other")).GetProperty("messages").GetArrayLength().ShouldBe(0);

        using var bad = await api.GetAsync("/api/v1/history?phone=hello");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.JsonAsync()).ErrorFields().ShouldBe(["phone"]);
    }
}
