using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Parley.Core.Contacts;
using Parley.Core.Conversations;
using Parley.Testing.Payloads.Acs;
using Parley.Tests.Api;

namespace Parley.Tests.Contacts;

/// <summary>
/// Each provider writes a customer's number its own way (Meta a wa_id, Twilio <c>whatsapp:+E164</c> and a WaId, ACS
/// digits, the sandbox E.164); every lookup by phone finds the one contact it stored.
/// Regression (issue 19): ACS contacts were stored as <c>+15550003333</c> while lookups used digits, so history,
/// conversations and the 24-hour window found nothing, a free-form reply was refused with <c>template_required</c>,
/// and a template send created a second contact.
/// </summary>
public sealed class OneContactPerNumberTests
{
    private const string Number = "+15550003333";

    public static TheoryData<string> Providers => new() { "meta", "twilio", "acs", "sandbox" };

    [Theory, MemberData(nameof(Providers))]
    public async Task EveryLookupByPhone_FindsTheContactTheProviderStored(string provider)
    {
        await using var channel = await ProviderUnderTest.StartAsync(provider);
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, channel.Settings);
        using var api = await app.ApiClientAsync();
        await channel.ReceiveAsync(app, "hello there");
        await WaitForReplyAsync(app, channel.AccountId);

        // History, in other spellings of the number.
        foreach (var spelling in new[] { Number, "+1 (555) 000-3333", "whatsapp:+15550003333" })
        {
            var history = await api.GetJsonAsync($"/api/v1/history?phone={Uri.EscapeDataString(spelling)}&account={channel.AccountId}");
            history.GetProperty("messages").EnumerateArray().ShouldContain(m => m.Str("direction") == "inbound", $"history?phone={spelling}");
        }

        var conversations = await api.GetJsonAsync($"/api/v1/conversations?account={channel.AccountId}&contact={Uri.EscapeDataString(Number)}");
        var conversation = conversations.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        conversation.GetProperty("windowOpen").GetBoolean().ShouldBeTrue();

        var contacts = await api.GetJsonAsync($"/api/v1/contacts?account={channel.AccountId}&search=5550003333");
        contacts.GetProperty("items").GetArrayLength().ShouldBe(1);

        var interactions = await api.GetJsonAsync($"/api/v1/interactions?phone={Uri.EscapeDataString(Number)}&account={channel.AccountId}");
        interactions.GetProperty("items").EnumerateArray().ShouldContain(i => i.Str("text") == "hello there");

        // The 24-hour window: the contact wrote just now, so a free-form reply is accepted.
        var (text, textBody) = await api.PostJsonAsync("/api/v1/messages", new { account = channel.AccountId, to = Number, type = "text", text = "Thanks!" });
        text.StatusCode.ShouldBe(HttpStatusCode.Accepted, textBody.ToString());

        // A template to the same person goes to the same contact and conversation.
        await ApiSeed.TemplateAsync(app, "hello_world", "en_US", "Hello World", channel.AccountId);
        var (template, templateBody) = await api.PostJsonAsync("/api/v1/messages", new
        {
            account = channel.AccountId, to = "+1 555 000 3333", type = "template", template = new { name = "hello_world", language = "en_US" },
        });
        template.StatusCode.ShouldBe(HttpStatusCode.Accepted, templateBody.ToString());

        (await CountAsync(app, "SELECT COUNT(*) FROM contacts WHERE account_id = @a", channel.AccountId)).ShouldBe(1);
        (await CountAsync(app, "SELECT COUNT(*) FROM conversations WHERE account_id = @a", channel.AccountId)).ShouldBe(1);
        (await app.Get<ContactDirectory>().FindAsync(channel.AccountId, "whatsapp:+15550003333")).ShouldNotBeNull().WaId.ShouldBe("15550003333");
        (await app.Get<ConversationTakeover>().FindAsync(channel.AccountId, Number)).ShouldNotBeNull();
        (await app.Get<ConversationQueries>().LastInboundAsync(channel.AccountId, "15550003333")).ShouldNotBeNull();
    }

    [Fact]
    public async Task MetasMexicanWaId_AndTheApisNumber_AreOneContact()
    {
        // Meta still sends Mexican wa_ids with the mobile 1 after 52; the API (and Mexico's numbering plan) writes none.
        await using var graph = await FakeMetaGraph.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, graph.AccountSettings("meta1"));
        using var api = await app.ApiClientAsync();
        (await app.Client.PostMetaWebhookAsync("meta1", MetaWebhooks.Text("5215512345678", "hola", "wamid.mx-" + Guid.NewGuid().ToString("N"))))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        await WaitForReplyAsync(app, "meta1");

        var (sent, body) = await api.PostJsonAsync("/api/v1/messages", new { account = "meta1", to = "+52 55 1234 5678", type = "text", text = "Hola" });

        sent.StatusCode.ShouldBe(HttpStatusCode.Accepted, body.ToString());
        (await CountAsync(app, "SELECT COUNT(*) FROM contacts WHERE account_id = @a", "meta1")).ShouldBe(1);
        var history = await api.GetJsonAsync("/api/v1/history?phone=%2B5215512345678&account=meta1");
        history.GetProperty("messages").GetArrayLength().ShouldBeGreaterThanOrEqualTo(2);
    }

    private static async Task WaitForReplyAsync(TestApp app, string accountId)
    {
        var deadline = Environment.TickCount64 + 20_000;
        while (await CountAsync(app, "SELECT COUNT(*) FROM messages WHERE account_id = @a AND direction = 'outbound'", accountId) == 0)
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"The bot of {accountId} did not answer.");
            }

            await Task.Delay(50);
        }
    }

    private static async Task<long> CountAsync(TestApp app, string sql, string accountId)
    {
        await using var c = await app.Get<Database>().OpenAsync();
        return await c.ExecuteScalarAsync<long>(sql, new { a = accountId });
    }

    /// <summary>One provider's account on its fake, served by an engine bot (which logs interactions), and how a customer's message reaches it.</summary>
    private sealed class ProviderUnderTest : IAsyncDisposable
    {
        private FakeMetaGraph? _graph;
        private FakeTwilio? _twilio;
        private FakeAcs? _acs;

        public required string Provider { get; init; }
        public string AccountId => Provider switch { "meta" => "meta1", "twilio" => "tw1", "acs" => "acs1", _ => "ministry" };
        public Dictionary<string, string?> Settings { get; private set; } = [];

        public static async Task<ProviderUnderTest> StartAsync(string provider)
        {
            var p = new ProviderUnderTest { Provider = provider };
            switch (provider)
            {
                case "meta":
                    p._graph = await FakeMetaGraph.StartAsync();
                    p.Settings = p._graph.AccountSettings("meta1");
                    p.Settings["Parley:Accounts:0:Bot"] = "ministry";
                    break;
                case "twilio":
                    p._twilio = await FakeTwilio.StartAsync();
                    p.Settings = new()
                    {
                        ["Parley:Accounts:0:Id"] = "tw1", ["Parley:Accounts:0:Provider"] = "twilio", ["Parley:Accounts:0:Bot"] = "ministry",
                        ["Parley:Accounts:0:AccountSid"] = p._twilio.AccountSid, ["Parley:Accounts:0:AuthToken"] = p._twilio.AuthToken,
                        ["Parley:Accounts:0:From"] = TwilioForms.BusinessNumber, ["Parley:Accounts:0:ApiBaseUrl"] = p._twilio.BaseUrl,
                    };
                    break;
                case "acs":
                    p._acs = await FakeAcs.StartAsync();
                    p.Settings = new()
                    {
                        ["Parley:Accounts:0:Id"] = "acs1", ["Parley:Accounts:0:Provider"] = "acs", ["Parley:Accounts:0:Bot"] = "ministry",
                        ["Parley:Accounts:0:Endpoint"] = p._acs.BaseUrl, ["Parley:Accounts:0:AccessKey"] = p._acs.AccessKey,
                        ["Parley:Accounts:0:ChannelRegistrationId"] = p._acs.ChannelRegistrationId, ["Parley:Accounts:0:WebhookSecret"] = "s3cret",
                    };
                    break;
            }

            return p;
        }

        public async Task ReceiveAsync(TestApp app, string text)
        {
            HttpResponseMessage response;
            switch (Provider)
            {
                case "meta":
                    response = await app.Client.PostMetaWebhookAsync("meta1", MetaWebhooks.Text("15550003333", text, "wamid." + Guid.NewGuid().ToString("N")));
                    break;
                case "twilio":
                    response = await TwilioForms.PostSignedAsync(app.Client, "/webhooks/twilio/tw1", TwilioForms.Text(TwilioForms.NewMessageSid(), Number, text));
                    break;
                case "acs":
                    var e = JsonNode.Parse(AcsPayloads.Read("docs-received-text.eventgrid.json"))!.AsArray()[0]!.AsObject();
                    e["id"] = Guid.NewGuid().ToString();
                    e["data"]!["from"] = "15550003333";
                    e["data"]!["to"] = _acs!.ChannelRegistrationId;
                    e["data"]!["content"] = text;
                    e["data"]!["messageId"] = Guid.NewGuid().ToString();
                    var now = TimeProvider.System.GetUtcNow();
                    e["eventTime"] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                    e["data"]!["receivedTimestamp"] = now.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
                    response = await app.Client.PostAsync("/webhooks/acs/acs1?code=s3cret",
                        new StringContent(new JsonArray(e.DeepClone()).ToJsonString(), Encoding.UTF8, "application/json"));
                    break;
                default:
                    await app.SandboxFor("ministry").SendAsync(Number, text);
                    return;
            }

            using (response)
            {
                response.IsSuccessStatusCode.ShouldBeTrue($"{Provider} webhook: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_graph is not null)
            {
                await _graph.DisposeAsync();
            }

            if (_twilio is not null)
            {
                await _twilio.DisposeAsync();
            }

            if (_acs is not null)
            {
                await _acs.DisposeAsync();
            }
        }
    }
}
