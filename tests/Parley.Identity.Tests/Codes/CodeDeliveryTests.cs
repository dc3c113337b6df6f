using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Parley.Core.Conversations;
using Parley.Core.Storage;
using Parley.Identity.Codes;
using Parley.Testing;
using Parley.Testing.Fakes;

namespace Parley.Identity.Tests.Codes;

/// <summary>
/// Outside WhatsApp's 24-hour window (the number never wrote) the code goes out as the account's AUTHENTICATION template,
/// in each provider's documented shape, through the fake provider servers; Parley keeps the message with the code masked.
/// </summary>
public sealed class CodeDeliveryTests
{
    private const string Phone = "+15550001111";
    private const string WaId = "15550001111";

    [Fact]
    public async Task Meta_gets_the_template_with_the_code_as_body_parameter_and_copy_code_button()
    {
        await using var graph = await FakeMetaGraph.StartAsync();
        var settings = graph.AccountSettings("meta1");
        settings["Parley:Accounts:0:Identity:Template"] = "parley_auth:en";
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, settings);

        var requested = await app.Get<IOneTimeCodes>().RequestAsync(new CodeRequest(Phone, "meta1"), default);
        requested.ShouldBeOfType<CodeRequestResult.Sent>(requested.ToString());

        var send = (await graph.WaitForAcceptedAsync(1)).Single().Json!;
        var code = await CodeOfAsync(app);
        send["type"]!.GetValue<string>().ShouldBe("template");
        send["template"]!["name"]!.GetValue<string>().ShouldBe("parley_auth");
        send["template"]!["language"]!["code"]!.GetValue<string>().ShouldBe("en");
        var components = send["template"]!["components"]!.AsArray();
        var body = components.Single(c => c!["type"]!.GetValue<string>() == "body")!;
        body["parameters"]![0]!["text"]!.GetValue<string>().ShouldBe(code);
        var button = components.Single(c => c!["type"]!.GetValue<string>() == "button")!;
        button["sub_type"]!.GetValue<string>().ShouldBe("url");
        button["index"]!.GetValue<string>().ShouldBe("0");
        button["parameters"]![0]!["text"]!.GetValue<string>().ShouldBe(code);

        await StoredMaskedAsync(app, "meta1", code);
    }

    [Fact]
    public async Task Twilio_gets_the_content_sid_with_the_code_as_its_variable()
    {
        await using var twilio = await FakeTwilio.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Parley:PublicBaseUrl"] = "http://localhost",
            ["Parley:Accounts:0:Id"] = "tw1",
            ["Parley:Accounts:0:Provider"] = "twilio",
            ["Parley:Accounts:0:AccountSid"] = twilio.AccountSid,
            ["Parley:Accounts:0:AuthToken"] = twilio.AuthToken,
            ["Parley:Accounts:0:From"] = "whatsapp:+14155238886",
            ["Parley:Accounts:0:ApiBaseUrl"] = twilio.BaseUrl,
            ["Parley:Accounts:0:Identity:Template"] = "HX0123456789abcdef0123456789abcdef",
        });

        var requested = await app.Get<IOneTimeCodes>().RequestAsync(new CodeRequest(Phone, "tw1"), default);
        requested.ShouldBeOfType<CodeRequestResult.Sent>(requested.ToString());

        var send = (await twilio.WaitForSendsAsync(1)).Single();
        var code = await CodeOfAsync(app);
        send.Form.Single(f => f.Key == "ContentSid").Value.ShouldBe("HX0123456789abcdef0123456789abcdef");
        var variables = JsonNode.Parse(send.Form.Single(f => f.Key == "ContentVariables").Value)!;
        variables["1"]!.GetValue<string>().ShouldBe(code);
        send.Form.ShouldNotContain(f => f.Key == "Body");

        await StoredMaskedAsync(app, "tw1", code);
    }

    [Fact]
    public async Task Acs_gets_the_template_by_name_with_the_code_bound_to_body_and_button()
    {
        await using var acs = await FakeAcs.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Parley:Accounts:0:Id"] = "acs1",
            ["Parley:Accounts:0:Provider"] = "acs",
            ["Parley:Accounts:0:Endpoint"] = acs.BaseUrl,
            ["Parley:Accounts:0:AccessKey"] = acs.AccessKey,
            ["Parley:Accounts:0:ChannelRegistrationId"] = acs.ChannelRegistrationId,
            ["Parley:Accounts:0:WebhookSecret"] = "s3cret",
            ["Parley:Accounts:0:Identity:Template"] = "parley_auth:es",
        });

        var requested = await app.Get<IOneTimeCodes>().RequestAsync(new CodeRequest(Phone, "acs1", "es"), default);
        requested.ShouldBeOfType<CodeRequestResult.Sent>(requested.ToString());

        var send = (await acs.WaitForSendsAsync(1)).Single().Json;
        var code = await CodeOfAsync(app);
        send["kind"]!.GetValue<string>().ShouldBe("template");
        var template = send["template"]!;
        template["name"]!.GetValue<string>().ShouldBe("parley_auth");
        template["language"]!.GetValue<string>().ShouldBe("es");
        var values = template["values"]!.AsArray();
        values.Single(v => v!["name"]!.GetValue<string>() == "body1")!["text"]!.GetValue<string>().ShouldBe(code);
        values.Single(v => v!["name"]!.GetValue<string>() == "button0")!["text"]!.GetValue<string>().ShouldBe(code);
        template["bindings"]!["buttons"]![0]!["subType"]!.GetValue<string>().ShouldBe("url");

        await StoredMaskedAsync(app, "acs1", code);
    }

    [Fact]
    public async Task Outside_the_window_without_a_template_the_request_fails_saying_so()
    {
        await using var graph = await FakeMetaGraph.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, graph.AccountSettings("meta1"));

        var refused = (await app.Get<IOneTimeCodes>().RequestAsync(new CodeRequest(Phone, "meta1"), default)).ShouldBeOfType<CodeRequestResult.Refused>();

        refused.Reason.ShouldBe(CodeRefusals.NeedsTemplate);
        refused.Message.ShouldContain("24 hours");
        refused.Message.ShouldContain("Identity:Template");
        // Nothing was queued, and the refused request does not count against the number's limit.
        (await app.Get<ConversationQueries>().HistoryAsync(WaId, "meta1", 5, default)).ShouldBeEmpty();
        await using var c = await app.Get<Database>().OpenAsync();
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM identity_codes WHERE state <> 'undelivered'")).ShouldBe(0);
    }

    private static async Task<string> CodeOfAsync(TestApp app)
    {
        await using var c = await app.Get<Database>().OpenAsync();
        var sealedCode = await c.ExecuteScalarAsync<string>("SELECT code_sealed FROM identity_codes ORDER BY id DESC LIMIT 1");
        return app.Get<CodeSecrets>().Unseal(sealedCode!);
    }

    private static async Task StoredMaskedAsync(TestApp app, string accountId, string code)
    {
        var stored = (await app.Get<ConversationQueries>().HistoryAsync(WaId, accountId, 5, default)).Single();
        var json = JsonSerializer.Serialize(stored.Content);
        json.ShouldNotContain(code);
        stored.Content.Template!.BodyParameters!.ShouldBe([CodeSecrets.Mask]);
    }
}
