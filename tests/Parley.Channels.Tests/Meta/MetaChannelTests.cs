using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Parley.Channels.Meta;
using Parley.Core.Accounts;
using Parley.Core.Media;
using Parley.Core.Messaging;
using Parley.Core.Outbound;
using Parley.Core.Storage;
using Parley.Testing;
using Parley.Testing.Fakes;

namespace Parley.Channels.Tests.Meta;

/// <summary>The Meta channel's HTTP side against a fake Graph API on 127.0.0.1, wired as the host wires it.</summary>
public sealed class MetaChannelTests : IAsyncLifetime
{
    private const string Sheena = "16505551234";
    private FakeMetaGraph _graph = null!;
    private TestApp _app = null!;
    private Account _account = null!;

    public async Task InitializeAsync()
    {
        _graph = await FakeMetaGraph.StartAsync();
        _app = await StartAppAsync(_graph);
        _account = (await _app.Get<AccountRegistry>().FindAsync("meta1"))!;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _graph.DisposeAsync();
    }

    private static async Task<TestApp> StartAppAsync(FakeMetaGraph graph, DatabaseKind kind = DatabaseKind.Sqlite, Dictionary<string, string?>? extra = null)
    {
        var settings = graph.AccountSettings(businessAccountId: FakeMetaGraph.BusinessAccountId);
        // The channel is driven by hand here; the periodic template sync is tested on its own.
        settings["Parley:Workers:Enabled"] = "false";
        settings["Parley:Meta:TemplateSyncInterval"] = "00:00:00";
        settings["Parley:Meta:HttpTimeout"] = "00:00:02";
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }

        return await TestApp.StartAsync(kind, settings);
    }

    private Task<SendResult> SendAsync(MessageContent content) =>
        _app.Get<MetaChannel>().SendAsync(new OutboundRequest(_account, 1, Sheena, content, "test:1"), CancellationToken.None);

    [Fact]
    public async Task SendAsync_Text_PostsTheJsonWithTheBearerToken_AndReturnsTheWamid()
    {
        var result = await SendAsync(MessageContent.FromText("hola 👋"));

        result.Accepted.ShouldBeTrue();
        var request = _graph.Sends.ShouldHaveSingleItem();
        result.ProviderMessageId.ShouldBe(request.AnsweredId);
        result.ProviderMessageId!.ShouldStartWith("wamid.");
        request.Path.ShouldBe($"/v23.0/{FakeMetaGraph.PhoneNumberId}/messages");
        request.Authorization.ShouldBe($"Bearer {FakeMetaGraph.AccessToken}");
        request.Headers["Authorization"].ShouldBe($"Bearer {FakeMetaGraph.AccessToken}");
        request.ContentType.ShouldBe("application/json");
        JsonNode.DeepEquals(request.Json, JsonNode.Parse(
            """{"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"text","text":{"body":"hola 👋","preview_url":false}}""")).ShouldBeTrue(request.Body);
    }

    [Fact]
    public async Task SendAsync_RateLimited_IsRetried_WithRetryAfter()
    {
        _graph.FailNextSends(1, FakeGraphFailure.RateLimit);
        _graph.RateLimitRetryAfterSeconds = 3;

        var result = await SendAsync(MessageContent.FromText("hi"));

        result.Accepted.ShouldBeFalse();
        result.Transient.ShouldBeTrue();
        result.ErrorCode.ShouldBe("130429");
        result.RetryAfter.ShouldBe(TimeSpan.FromSeconds(3));
        result.ErrorReason!.ShouldContain("Cloud API message throughput has been reached.");
    }

    [Fact]
    public async Task SendAsync_ExpiredToken_FailsForGood_SayingSo()
    {
        _graph.FailNextSends(1, FakeGraphFailure.ExpiredToken);

        var result = await SendAsync(MessageContent.FromText("hi"));

        result.Transient.ShouldBeFalse();
        result.ErrorCode.ShouldBe("190");
        result.ErrorReason!.ShouldContain("access token");
    }

    [Fact]
    public async Task SendAsync_OutsideThe24HourWindow_FailsForGood_AskingForATemplate()
    {
        _graph.FailNextSends(1, FakeGraphFailure.ReEngagement);

        var result = await SendAsync(MessageContent.FromText("hi"));

        result.Transient.ShouldBeFalse();
        result.ErrorCode.ShouldBe("131047");
        result.ErrorReason!.ShouldContain("template");
    }

    [Fact]
    public async Task SendAsync_ServerError_IsRetried()
    {
        _graph.FailNextSends(1, FakeGraphFailure.ServerError);

        var result = await SendAsync(MessageContent.FromText("hi"));

        result.Transient.ShouldBeTrue();
        result.ErrorCode.ShouldBe("http_500");
    }

    [Fact]
    public async Task SendAsync_NoAnswerInTime_IsRetried()
    {
        _graph.SlowResponse = TimeSpan.FromSeconds(10);
        _graph.FailNextSends(1, FakeGraphFailure.Slow);

        var result = await SendAsync(MessageContent.FromText("hi"));

        result.Transient.ShouldBeTrue();
        result.ErrorCode.ShouldBe("timeout");
    }

    [Fact]
    public async Task SendAsync_Unreachable_IsRetried()
    {
        var gone = await FakeMetaGraph.StartAsync();
        var account = _account with { Settings = new Dictionary<string, string>(_account.Settings) { ["ApiBaseUrl"] = gone.ApiBaseUrl } };
        await gone.DisposeAsync();

        var result = await _app.Get<MetaChannel>().SendAsync(new OutboundRequest(account, 1, Sheena, MessageContent.FromText("hi"), "k"), CancellationToken.None);

        result.Transient.ShouldBeTrue();
        result.ErrorCode.ShouldBe("network");
    }

    [Fact]
    public async Task SendAsync_OverWhatsAppsLimits_FailsValidation_WithoutCallingMeta()
    {
        var content = new MessageContent
        {
            Type = MessageTypes.Interactive,
            Text = "Choose",
            Interactive = new InteractiveContent { Kind = InteractiveContent.ButtonKind, Buttons = [new("a", "A title longer than twenty")] },
        };

        var result = await SendAsync(content);

        result.Transient.ShouldBeFalse();
        result.ErrorCode.ShouldBe("validation");
        result.ErrorReason.ShouldBe("Reply button titles may be at most 20 characters; 'A title longer than…' has 26.");
        _graph.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task SendAsync_WithoutPhoneNumberId_FailsNamingTheSetting()
    {
        var account = _account with { Settings = new Dictionary<string, string> { ["ApiBaseUrl"] = _graph.ApiBaseUrl } };

        var result = await _app.Get<MetaChannel>().SendAsync(new OutboundRequest(account, 1, Sheena, MessageContent.FromText("hi"), "k"), CancellationToken.None);

        result.ErrorCode.ShouldBe("config");
        result.ErrorReason!.ShouldContain("PhoneNumberId");
    }

    [Fact]
    public async Task SendAsync_WithABrokenApiBaseUrl_FailsNamingTheSetting()
    {
        var account = _account with { Settings = new Dictionary<string, string>(_account.Settings) { ["ApiBaseUrl"] = "graph.facebook.com/v23.0" } };

        var result = await _app.Get<MetaChannel>().SendAsync(new OutboundRequest(account, 1, Sheena, MessageContent.FromText("hi"), "k"), CancellationToken.None);

        result.ErrorCode.ShouldBe("config");
        result.ErrorReason.ShouldBe("Account 'meta1' has an ApiBaseUrl that is not an http(s) URL: 'graph.facebook.com/v23.0'.");
    }

    [Fact]
    public async Task SendAsync_StoredFile_IsUploadedFirst_ThenSentByItsId()
    {
        var bytes = Encoding.UTF8.GetBytes("%PDF-1.4 invoice");
        using var file = new MemoryStream(bytes);
        var stored = await _app.Get<IMediaStore>().SaveAsync(file, "application/pdf", "invoice.pdf", 1024, CancellationToken.None);

        var result = await SendAsync(new MessageContent
        {
            Type = MessageTypes.Document,
            Text = "Your invoice",
            Media = new MediaInfo { StoredId = stored.Id, MimeType = "application/pdf", FileName = "invoice.pdf" },
        });

        result.Accepted.ShouldBeTrue();
        var upload = _graph.Uploads.ShouldHaveSingleItem();
        upload.Path.ShouldBe($"/v23.0/{FakeMetaGraph.PhoneNumberId}/media");
        upload.Form["messaging_product"].ShouldBe("whatsapp");
        upload.Form["type"].ShouldBe("application/pdf");
        upload.Form["file:filename"].ShouldBe("invoice.pdf");
        upload.Form["file:contentType"].ShouldBe("application/pdf");
        upload.Form["file:length"].ShouldBe(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var document = _graph.Sends.ShouldHaveSingleItem().Json!["document"]!;
        document["id"]!.GetValue<string>().ShouldBe(upload.AnsweredId);
        document["filename"]!.GetValue<string>().ShouldBe("invoice.pdf");
        document["caption"]!.GetValue<string>().ShouldBe("Your invoice");
    }

    [Fact]
    public async Task Download_AsksForAFreshUrl_ThenReadsItWithTheToken()
    {
        var bytes = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3 };
        _graph.AddMedia("1003383421387256", bytes, "image/jpeg");

        await using var media = await _app.Get<MetaMediaDownloader>().DownloadAsync(_account, new MediaInfo { Id = "1003383421387256", Sha256 = "from-webhook" }, CancellationToken.None);
        using var copy = new MemoryStream();
        await media.Content.CopyToAsync(copy);

        copy.ToArray().ShouldBe(bytes);
        media.MimeType.ShouldBe("image/jpeg");
        media.Sha256.ShouldBe("from-webhook");
        var requests = _graph.Requests;
        requests.Select(r => r.Path).ShouldBe(["/v23.0/1003383421387256", "/media-download/1003383421387256"]);
        requests[0].Query.ShouldBe($"?phone_number_id={FakeMetaGraph.PhoneNumberId}");
        requests.ShouldAllBe(r => r.Authorization == $"Bearer {FakeMetaGraph.AccessToken}");
    }

    [Fact]
    public async Task Download_UnknownMedia_IsAPermanentFailure()
    {
        var ex = await Should.ThrowAsync<MediaDownloadException>(() =>
            _app.Get<MetaMediaDownloader>().DownloadAsync(_account, new MediaInfo { Id = "404404" }, CancellationToken.None));

        ex.Transient.ShouldBeFalse();
        ex.Message.ShouldContain("404404");
    }

    [Fact]
    public async Task Download_MetaUnreachable_IsATransientFailure()
    {
        var gone = await FakeMetaGraph.StartAsync();
        var account = _account with { Settings = new Dictionary<string, string>(_account.Settings) { ["ApiBaseUrl"] = gone.ApiBaseUrl } };
        await gone.DisposeAsync();

        var ex = await Should.ThrowAsync<MediaDownloadException>(() =>
            _app.Get<MetaMediaDownloader>().DownloadAsync(account, new MediaInfo { Id = "1" }, CancellationToken.None));

        ex.Transient.ShouldBeTrue();
    }

    [Fact]
    public void Downloader_IsRegisteredForTheCore() =>
        _app.Get<IEnumerable<IMediaDownloader>>().ShouldContain(d => d.Provider == "meta");

    [Fact]
    public async Task MarkRead_PostsMetasReadReceiptWithTypingIndicator()
    {
        var receipts = _app.Get<IEnumerable<IReadReceipts>>().Single(r => r.Provider == "meta");

        await receipts.MarkReadAsync(_account, "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUYzMjEzNDM2RTZGQ0MzMDJBRgA=", showTyping: true, CancellationToken.None);

        var request = _graph.ReadReceipts.ShouldHaveSingleItem();
        request.Path.ShouldBe($"/v23.0/{FakeMetaGraph.PhoneNumberId}/messages");
        JsonNode.DeepEquals(request.Json, JsonNode.Parse(MetaWebhooks.Sample("mark-read-with-typing-indicator.json"))).ShouldBeTrue(request.Body);
    }

    [Fact]
    public async Task AccountTest_Works_AndReportsAWrongToken()
    {
        var tester = _app.Get<IEnumerable<IAccountTester>>().Single(t => t.Provider == "meta");

        var ok = await tester.TestAsync(_account, CancellationToken.None);
        var wrong = await tester.TestAsync(_account with { Secrets = new Dictionary<string, string> { ["AccessToken"] = "wrong" } }, CancellationToken.None);

        ok.ShouldBe(new AccountTestResult(true, "Connected to Parley Test (15550783881)."));
        _graph.Requests[0].Query.ShouldBe("?fields=display_phone_number,verified_name");
        wrong.Ok.ShouldBeFalse();
        wrong.Detail.ShouldBe("(#190) Invalid OAuth access token");
    }

    [Theory, SqliteData, PostgresData]
    public async Task TemplateSync_FollowsPaging_StoresEveryTemplate_AndMarksVanishedOnesDeleted(DatabaseKind kind)
    {
        await using var graph = await FakeMetaGraph.StartAsync();
        await using var app = await StartAppAsync(graph, kind);
        var account = (await app.Get<AccountRegistry>().FindAsync("meta1"))!;
        graph.Templates.AddRange(
        [
            FakeMetaGraph.Template("hello_world", "en_US", "APPROVED", "UTILITY", "Hello World", id: "1001"),
            FakeMetaGraph.Template("order_update", "es_MX", "APPROVED", "UTILITY", "Hola {{1}}, tu pedido {{2}} va en camino.", id: "1002"),
            FakeMetaGraph.Template("reservation_confirmation", "en_US", "APPROVED", "UTILITY", "Your reservation for {{number_of_guests}} on {{day}} is confirmed.", id: "1003"),
            FakeMetaGraph.Template("summer_sale", "en_US", "PENDING", "MARKETING", "Sale! {{1}}", id: "1004"),
            FakeMetaGraph.Template("old_promo", "en_US", "REJECTED", "MARKETING", "Promo", id: "1005"),
        ]);

        var count = await app.Get<MetaTemplateSync>().SyncAsync(account, CancellationToken.None);

        count.ShouldBe(5);
        graph.Requests.Count(r => r.Path.EndsWith("/message_templates", StringComparison.Ordinal)).ShouldBe(3, "5 templates in pages of 2");
        graph.Requests[0].Query.ShouldBe("?limit=100");
        var rows = await TemplatesAsync(app);
        rows.Select(r => r.name).ShouldBe(["hello_world", "old_promo", "order_update", "reservation_confirmation", "summer_sale"]);
        var order = rows.Single(r => r.name == "order_update");
        order.language.ShouldBe("es_MX");
        order.category.ShouldBe("UTILITY");
        order.status.ShouldBe("APPROVED");
        order.provider_template_id.ShouldBe("1002");
        order.body.ShouldBe("Hola {{1}}, tu pedido {{2}} va en camino.");
        order.parameters.ShouldBe("""["1","2"]""");
        order.components!.ShouldContain("\"BODY\"");
        order.active.ShouldBe(1);
        order.source.ShouldBe("meta");
        rows.Single(r => r.name == "reservation_confirmation").parameters.ShouldBe("""["number_of_guests","day"]""");
        rows.Where(r => r.active == 1).Select(r => r.name).ShouldBe(["hello_world", "order_update", "reservation_confirmation"]);

        graph.Templates.RemoveAt(4);
        graph.Templates[3]["status"] = "APPROVED";
        (await app.Get<MetaTemplateSync>().SyncAsync(account, CancellationToken.None)).ShouldBe(4);

        rows = await TemplatesAsync(app);
        rows.Single(r => r.name == "old_promo").status.ShouldBe("DELETED");
        rows.Single(r => r.name == "old_promo").active.ShouldBe(0);
        rows.Single(r => r.name == "summer_sale").active.ShouldBe(1);
    }

    [Fact]
    public async Task TemplateSync_NeverOverwritesALocalTemplate()
    {
        await using (var c = await _app.Get<Database>().OpenAsync())
        {
            await c.ExecuteAsync(
                "INSERT INTO templates (account_id, name, language, body, created_at, updated_at) VALUES ('meta1', 'hello_world', 'en_US', 'Local text', 1, 1)");
        }

        _graph.Templates.Add(FakeMetaGraph.Template("hello_world", "en_US", "APPROVED", "UTILITY", "Hello World"));
        await _app.Get<MetaTemplateSync>().SyncAsync(_account, CancellationToken.None);

        var row = (await TemplatesAsync(_app)).ShouldHaveSingleItem();
        row.body.ShouldBe("Local text");
        row.source.ShouldBe("local");
    }

    [Fact]
    public async Task SendAsync_TemplateWithNamedParameters_NamesThem()
    {
        _graph.Templates.Add(FakeMetaGraph.Template("reservation_confirmation", "en_US", "APPROVED", "UTILITY", "For {{number_of_guests}} on {{day}}."));
        await _app.Get<MetaTemplateSync>().SyncAsync(_account, CancellationToken.None);

        var result = await SendAsync(new MessageContent
        {
            Type = MessageTypes.Template,
            Template = new TemplateContent("reservation_confirmation", "en_US") { BodyParameters = ["4", "Saturday"] },
        });

        result.Accepted.ShouldBeTrue();
        JsonNode.DeepEquals(_graph.Sends.Single().Json!["template"], JsonNode.Parse("""
            {"name":"reservation_confirmation","language":{"code":"en_US"},"components":[{"type":"body","parameters":[
              {"type":"text","parameter_name":"number_of_guests","text":"4"},{"type":"text","parameter_name":"day","text":"Saturday"}]}]}
            """)).ShouldBeTrue(_graph.Sends.Single().Body);
    }

    [Theory, SqliteData, PostgresData]
    public async Task TemplateWebhooks_UpdateStatusAndCategory(DatabaseKind kind)
    {
        await using var graph = await FakeMetaGraph.StartAsync();
        await using var app = await StartAppAsync(graph, kind);
        graph.Templates.Add(FakeMetaGraph.Template("order_update", "es_MX", "APPROVED", "UTILITY", "Hola {{1}}", id: "1002"));
        await app.Get<MetaTemplateSync>().SyncAsync((await app.Get<AccountRegistry>().FindAsync("meta1"))!, CancellationToken.None);

        // Shapes of Meta's message_template_status_update and template_category_update references.
        using (var paused = await app.Client.PostMetaWebhookAsync("meta1", """
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","time":1750269342,"changes":[{"field":"message_template_status_update",
             "value":{"event":"PAUSED","message_template_id":1002,"message_template_name":"order_update","message_template_language":"es_MX","reason":"NONE"}}]}]}
            """))
        {
            paused.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var row = (await TemplatesAsync(app)).ShouldHaveSingleItem();
        row.status.ShouldBe("PAUSED");
        row.active.ShouldBe(0);

        using (var recategorized = await app.Client.PostMetaWebhookAsync("meta1", """
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","time":1750269342,"changes":[{"field":"template_category_update",
             "value":{"message_template_id":1002,"message_template_name":"order_update","message_template_language":"es_MX","previous_category":"UTILITY","new_category":"MARKETING"}},
             {"field":"message_template_status_update",
             "value":{"event":"REINSTATED","message_template_id":1002,"message_template_name":"order_update","message_template_language":"es_MX","reason":"NONE"}}]}]}
            """))
        {
            recategorized.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        row = (await TemplatesAsync(app)).ShouldHaveSingleItem();
        row.category.ShouldBe("MARKETING");
        row.status.ShouldBe("APPROVED");
        row.active.ShouldBe(1);
    }

    [Fact]
    public async Task TemplateSyncService_SyncsMetaAccountsWithABusinessAccountId_AtStart()
    {
        await using var graph = await FakeMetaGraph.StartAsync();
        graph.Templates.Add(FakeMetaGraph.Template("hello_world", "en_US", "APPROVED", "UTILITY", "Hello World"));
        await using var app = await StartAppAsync(graph, extra: new() { ["Parley:Meta:TemplateSyncInterval"] = "06:00:00" });

        var deadline = Environment.TickCount64 + 15_000;
        while ((await TemplatesAsync(app)).Count == 0 && Environment.TickCount64 < deadline)
        {
            await Task.Delay(50);
        }

        (await TemplatesAsync(app)).ShouldHaveSingleItem().name.ShouldBe("hello_world");
    }

    private sealed record TemplateRow(string name, string language, string? category, string status, string? provider_template_id, string? body, string parameters, string? components, long active, string source);

    private static async Task<List<TemplateRow>> TemplatesAsync(TestApp app)
    {
        await using var c = await app.Get<Database>().OpenAsync();
        return (await c.QueryAsync<TemplateRow>(
            "SELECT name, language, category, status, provider_template_id, body, parameters, components, active, source FROM templates WHERE account_id = 'meta1' ORDER BY name")).ToList();
    }
}
