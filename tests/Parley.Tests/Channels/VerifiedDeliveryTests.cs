using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Parley.Core.Messaging;

namespace Parley.Tests.Channels;

/// <summary>
/// A signed delivery is never lost (issue 17, item 4): before, a lone surrogate or invalid UTF-8 in a signed Meta
/// delivery answered 500 and every message in it was lost (Meta redelivered it forever). On both databases:
/// PostgreSQL's text refuses NULs and invalid UTF-8 outright.
/// </summary>
public sealed class VerifiedDeliveryTests
{
    private const string Ana = "15550001111";
    private const string Ben = "15550002222";

    [Theory, SqliteData, PostgresData]
    public async Task ASignedMetaDelivery_WithALoneSurrogate_InvalidUtf8_AndANul_IsStored_AllItsMessagesToo(DatabaseKind kind)
    {
        await using var graph = await FakeMetaGraph.StartAsync();
        var settings = graph.AccountSettings();
        settings["Parley:Workers:Enabled"] = "false";
        await using var app = await TestApp.StartAsync(kind, settings);
        var root = JsonNode.Parse(MetaWebhooks.Text(Ana, "PLACEHOLDER-1", "wamid.bad.1"))!;
        var value = root["entry"]![0]!["changes"]![0]!["value"]!;
        var second = value["messages"]![0]!.DeepClone();
        second["id"] = "wamid.bad.2";
        second["text"]!["body"] = "PLACEHOLDER-2";
        ((JsonArray)value["messages"]!).Add(second);
        // A lone high surrogate and a NUL as JSON escapes in one message; a raw 0xFF byte (not UTF-8) in the other.
        var text = root.ToJsonString()
            .Replace("PLACEHOLDER-1", "hola \\ud83d mundo \\u0000 fin", StringComparison.Ordinal);
        var parts = text.Split("PLACEHOLDER-2");
        var body = Encoding.UTF8.GetBytes(parts[0]).Concat(new byte[] { 0xFF, (byte)'o', (byte)'k' }).Concat(Encoding.UTF8.GetBytes(parts[1])).ToArray();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/meta/meta1") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation(MetaWebhooks.SignatureHeader, MetaWebhooks.Sign(body, FakeMetaGraph.AppSecret));
        using var response = await app.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var c = await app.Get<Database>().OpenAsync();
        var contents = (await c.QueryAsync<string>("SELECT content FROM messages WHERE account_id = 'meta1' ORDER BY provider_message_id")).ToList();
        contents.Count.ShouldBe(2, "both messages of the delivery are stored");
        var first = System.Text.Json.JsonSerializer.Deserialize<MessageContent>(contents[0], ParleyJson.Options)!;
        first.Text.ShouldBe("hola \uFFFD mundo \uFFFD fin");
        var secondText = System.Text.Json.JsonSerializer.Deserialize<MessageContent>(contents[1], ParleyJson.Options)!;
        secondText.Text.ShouldBe("\uFFFDok");
        var raw = await c.QuerySingleAsync<byte[]>("SELECT raw_body FROM webhook_events WHERE account_id = 'meta1'");
        raw.ShouldBe(body, "the exact bytes that were verified are kept");
    }

    [Theory, SqliteData, PostgresData]
    public async Task ASignedTwilioForm_WithPercentEncodedNulAndInvalidUtf8_IsStored(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, new Dictionary<string, string?>
        {
            ["Parley:PublicBaseUrl"] = "http://localhost",
            ["Parley:Workers:Enabled"] = "false",
            ["Parley:Accounts:0:Id"] = "tw1",
            ["Parley:Accounts:0:Provider"] = "twilio",
            ["Parley:Accounts:0:AccountSid"] = FakeTwilio.DefaultAccountSid,
            ["Parley:Accounts:0:AuthToken"] = FakeTwilio.DefaultAuthToken,
            ["Parley:Accounts:0:From"] = "whatsapp:+14155238886",
        });
        var form = TwilioForms.Text("SM" + new string('e', 32), "+" + Ben, "PLACEHOLDER");
        var body = (await new FormUrlEncodedContent(form).ReadAsStringAsync()).Replace("PLACEHOLDER", "a%00b%FFc%ED%A0%80d", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio/tw1") { Content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded") };
        request.Headers.TryAddWithoutValidation("X-Twilio-Signature",
            TwilioSignature.Compute("http://localhost/webhooks/twilio/tw1", Parley.Channels.Twilio.TwilioForm.Parse(Encoding.ASCII.GetBytes(body)).Fields, FakeTwilio.DefaultAuthToken));

        using var response = await app.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var c = await app.Get<Database>().OpenAsync();
        var content = await c.QuerySingleAsync<string>("SELECT content FROM messages WHERE account_id = 'tw1'");
        var stored = System.Text.Json.JsonSerializer.Deserialize<MessageContent>(content, ParleyJson.Options)!.Text!;
        stored.ShouldStartWith("a\uFFFDb");
        stored.ShouldNotContain("\0");
    }

    [Theory]
    [InlineData("meta")]
    [InlineData("acs")]
    [InlineData("twilio")]
    public async Task ADeliveryKeptAsFailed_IsReplayedThroughItsProvidersParser(string provider)
    {
        await using var graph = await FakeMetaGraph.StartAsync();
        var settings = graph.AccountSettings();
        settings["Parley:Workers:Enabled"] = "false";
        settings["Parley:Accounts:1:Id"] = "acs1";
        settings["Parley:Accounts:1:Provider"] = "acs";
        settings["Parley:Accounts:1:Endpoint"] = "https://acs.invalid";
        settings["Parley:Accounts:1:AccessKey"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("key"));
        settings["Parley:Accounts:1:WebhookSecret"] = "code";
        settings["Parley:Accounts:2:Id"] = "tw1";
        settings["Parley:Accounts:2:Provider"] = "twilio";
        settings["Parley:Accounts:2:AccountSid"] = FakeTwilio.DefaultAccountSid;
        settings["Parley:Accounts:2:AuthToken"] = FakeTwilio.DefaultAuthToken;
        settings["Parley:Accounts:2:From"] = "whatsapp:+14155238886";
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, settings);
        var (accountId, contentType, body) = provider switch
        {
            "meta" => ("meta1", "application/json", MetaWebhooks.Text(Ana, "replayed", "wamid.replay.1")),
            "acs" => ("acs1", "application/json", Parley.Testing.Payloads.Acs.AcsPayloads.Read("docs-received-text.eventgrid.json")),
            _ => ("tw1", "application/x-www-form-urlencoded", string.Join('&', TwilioForms.Text("SM" + new string('f', 32), "+" + Ben, "replayed")
                .Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value)))),
        };
        // As a delivery kept when it arrived because it could not be parsed then.
        var id = await app.Get<Parley.Core.Inbound.WebhookEventStore>().RecordFailedAsync(accountId, provider, contentType, body, "Could not be parsed: (test)");

        var result = (await app.Get<Parley.Core.Inbound.WebhookReplay>().ReplayAsync([id])).ShouldHaveSingleItem();

        result.Outcome.ShouldBe(Parley.Core.Inbound.ReplayOutcome.Replayed, result.Detail);
        await using var c = await app.Get<Database>().OpenAsync();
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE account_id = @accountId", new { accountId })).ShouldBe(1);
    }
}
