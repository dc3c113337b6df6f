using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Parley.Testing.Payloads.Acs;

namespace Parley.Tests.Channels;

/// <summary>
/// An ACS account end to end: Event Grid (or CloudEvents) delivers to the webhook, Parley stores and answers 200,
/// the echo bot replies, and the replies reach <see cref="FakeAcs"/> signed with the account's access key.
/// </summary>
public sealed class AcsEndToEndTests
{
    private const string Ana = "15550001111";
    private const string Webhook = "/webhooks/acs/acs1?code=s3cret";

    private static Dictionary<string, string?> Settings(FakeAcs fake) => new()
    {
        ["Parley:Accounts:0:Id"] = "acs1",
        ["Parley:Accounts:0:Provider"] = "acs",
        ["Parley:Accounts:0:Endpoint"] = fake.BaseUrl,
        ["Parley:Accounts:0:AccessKey"] = fake.AccessKey,
        ["Parley:Accounts:0:ChannelRegistrationId"] = fake.ChannelRegistrationId,
        ["Parley:Accounts:0:WebhookSecret"] = "s3cret",
        ["Parley:Accounts:0:Bot"] = "echo", // greets a new contact, then echoes: two replies to a first message
        ["Parley:Workers:BaseBackoff"] = "00:00:00.050",
    };

    /// <summary>The documented "text message received" event, addressed to the fake's channel, from Ana.</summary>
    private static JsonObject ReceivedText(FakeAcs fake, string text, string? eventId = null)
    {
        var e = JsonNode.Parse(AcsPayloads.Read("docs-received-text.eventgrid.json"))!.AsArray()[0]!.AsObject();
        e["id"] = eventId ?? Guid.NewGuid().ToString();
        e["data"]!["from"] = Ana;
        e["data"]!["to"] = fake.ChannelRegistrationId;
        e["data"]!["content"] = text;
        Recent(e);
        return (JsonObject)e.DeepClone();
    }

    /// <summary>The samples are from 2023-2024; a message that old is outside WhatsApp's 24-hour window, so replies would be refused.</summary>
    private static void Recent(JsonObject e)
    {
        var now = TimeProvider.System.GetUtcNow();
        e["eventTime"] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        e["data"]!["receivedTimestamp"] = now.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The documented "Sent" status event with another status and message id.</summary>
    private static JsonObject Status(FakeAcs fake, string messageId, string status)
    {
        var e = JsonNode.Parse(AcsPayloads.Read("docs-delivery-status-sent.eventgrid.json"))!.AsArray()[0]!.AsObject();
        e["id"] = Guid.NewGuid().ToString();
        e["subject"] = $"advancedMessage/{messageId}/status/{status}";
        e["data"]!["messageId"] = messageId;
        e["data"]!["status"] = status;
        e["data"]!["from"] = fake.ChannelRegistrationId;
        e["data"]!["to"] = Ana;
        return (JsonObject)e.DeepClone();
    }

    private static async Task<HttpResponseMessage> PostAsync(TestApp app, string url, params JsonNode[] events) =>
        await app.Client.PostAsync(url, new StringContent(new JsonArray(events.Select(e => e.DeepClone()).ToArray()).ToJsonString(), Encoding.UTF8, "application/json"));

    private static async Task<string?> StatusOfAsync(TestApp app, string providerMessageId)
    {
        await using var c = await app.Get<Database>().OpenAsync();
        return await c.ExecuteScalarAsync<string?>(
            "SELECT status FROM messages WHERE account_id = 'acs1' AND provider_message_id = @providerMessageId", new { providerMessageId });
    }

    private static async Task<long> CountAsync(TestApp app, string sql)
    {
        await using var c = await app.Get<Database>().OpenAsync();
        return await c.ExecuteScalarAsync<long>(sql);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Environment.TickCount64 + 15_000;
        while (!await condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}");
            }

            await Task.Delay(50);
        }
    }

    [Theory, SqliteData, PostgresData]
    public async Task EventGridText_IsAnsweredWithSignedReplies_AndStatusesOnlyMoveForward(DatabaseKind kind)
    {
        await using var fake = await FakeAcs.StartAsync();
        await using var app = await TestApp.StartAsync(kind, Settings(fake));

        using var response = await PostAsync(app, Webhook, ReceivedText(fake, "hola", eventId: "ev-1"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var sends = await fake.WaitForSendsAsync(2);
        sends.ShouldAllBe(s => s.SignatureValid);
        sends.Select(s => s.Json["to"]![0]!.GetValue<string>()).ShouldAllBe(to => to == "+" + Ana);
        sends.Select(s => s.Json["kind"]!.GetValue<string>()).ShouldAllBe(k => k == "text");
        sends[1].Json["content"]!.GetValue<string>().ShouldContain("hola");
        (await CountAsync(app, "SELECT COUNT(*) FROM messages WHERE account_id = 'acs1' AND direction = 'inbound' AND provider_message_id = 'ev-1'")).ShouldBe(1);
        // Keyed like every provider's contacts (ContactKey: E.164 digits); issue 19: ACS's were '+15550001111', so lookups by phone missed them.
        (await CountAsync(app, "SELECT COUNT(*) FROM contacts WHERE account_id = 'acs1' AND wa_id = '15550001111' AND phone = '+15550001111'")).ShouldBe(1);

        var greeting = sends[0].MessageId!;
        var echo = sends[1].MessageId!;
        await EventuallyAsync(async () => await StatusOfAsync(app, echo) == "sent", "the echo recorded as sent");

        // Out of order and duplicated: read, then delivered and read again, then sent, then a stale failure.
        (await PostAsync(app, Webhook, Status(fake, greeting, "Read"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync(app, Webhook, Status(fake, greeting, "Delivered"), Status(fake, greeting, "read"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync(app, Webhook, Status(fake, greeting, "Sent"), Status(fake, echo, "DELIVERED"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync(app, Webhook, Status(fake, greeting, "Failed"), Status(fake, echo, "Sent"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await StatusOfAsync(app, greeting)).ShouldBe("read");
        (await StatusOfAsync(app, echo)).ShouldBe("delivered");
    }

    [Fact]
    public async Task CloudEventsBatchAndSingleEvent_AreAnswered()
    {
        await using var fake = await FakeAcs.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(fake));

        JsonObject CloudEvent(string id, string text)
        {
            var eg = ReceivedText(fake, text, id);
            return new JsonObject
            {
                ["id"] = id,
                ["source"] = eg["topic"]!.DeepClone(),
                ["subject"] = eg["subject"]!.DeepClone(),
                ["data"] = eg["data"]!.DeepClone(),
                ["type"] = "Microsoft.Communication.AdvancedMessageReceived",
                ["specversion"] = "1.0",
                ["time"] = eg["eventTime"]!.DeepClone(),
            };
        }

        using var batch = new StringContent(new JsonArray(CloudEvent("ce-1", "uno")).ToJsonString(), Encoding.UTF8);
        batch.Headers.ContentType = MediaTypeHeaderValue.Parse("application/cloudevents-batch+json; charset=utf-8");
        using var batchResponse = await app.Client.PostAsync(Webhook, batch);
        batchResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        await fake.WaitForSendsAsync(2);

        using var single = new StringContent(CloudEvent("ce-2", "dos").ToJsonString(), Encoding.UTF8);
        single.Headers.ContentType = MediaTypeHeaderValue.Parse("application/cloudevents+json; charset=utf-8");
        using var singleResponse = await app.Client.PostAsync(Webhook, single);
        singleResponse.StatusCode.ShouldBe(HttpStatusCode.OK);

        var sends = await fake.WaitForSendsAsync(3);
        sends[2].Json["content"]!.GetValue<string>().ShouldContain("dos");
        (await CountAsync(app, "SELECT COUNT(*) FROM messages WHERE account_id = 'acs1' AND provider_message_id IN ('ce-1', 'ce-2')")).ShouldBe(2);
    }

    [Fact]
    public async Task SubscriptionValidation_AnswersTheDocumentedResponse_OnlyWithTheCode()
    {
        await using var fake = await FakeAcs.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(fake));
        var validation = AcsPayloads.Read("eventgrid-subscription-validation-event.json");

        using var request = new HttpRequestMessage(HttpMethod.Post, Webhook) { Content = new StringContent(validation, Encoding.UTF8, "application/json") };
        request.Headers.Add("aeg-event-type", "SubscriptionValidation");
        using var response = await app.Client.SendAsync(request);
        using var refused = await app.Client.PostAsync("/webhooks/acs/acs1", new StringContent(validation, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonNode.DeepEquals(JsonNode.Parse(await response.Content.ReadAsStringAsync()), JsonNode.Parse(AcsPayloads.Read("eventgrid-subscription-validation-response.json")))
            .ShouldBeTrue();
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CloudEventsOptionsHandshake_ConsentsWithTheCode_AndRefusesWithout()
    {
        await using var fake = await FakeAcs.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(fake));

        HttpRequestMessage Options(string url)
        {
            var r = new HttpRequestMessage(HttpMethod.Options, url);
            r.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");
            return r;
        }

        using var ok = await app.Client.SendAsync(Options(Webhook));
        using var wrong = await app.Client.SendAsync(Options("/webhooks/acs/acs1?code=nope"));
        using var unknown = await app.Client.SendAsync(Options("/webhooks/acs/nobody?code=s3cret"));

        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        ok.Headers.GetValues("WebHook-Allowed-Origin").Single().ShouldBe("eventgrid.azure.net");
        ok.Headers.GetValues("WebHook-Allowed-Rate").Single().ShouldBe("*");
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        wrong.Headers.Contains("WebHook-Allowed-Origin").ShouldBeFalse();
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WrongOrMissingCode_Is401_AndNothingIsStored()
    {
        await using var fake = await FakeAcs.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(fake));

        using var wrong = await PostAsync(app, "/webhooks/acs/acs1?code=S3CRET", ReceivedText(fake, "hola"));
        using var missing = await PostAsync(app, "/webhooks/acs/acs1", ReceivedText(fake, "hola"));
        using var twice = await PostAsync(app, "/webhooks/acs/acs1?code=s3cret&code=s3cret", ReceivedText(fake, "hola"));

        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        missing.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        twice.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await CountAsync(app, "SELECT COUNT(*) FROM webhook_events WHERE account_id = 'acs1'")).ShouldBe(0);
        (await CountAsync(app, "SELECT COUNT(*) FROM messages WHERE account_id = 'acs1'")).ShouldBe(0);
    }

    [Fact]
    public async Task SameEventTwice_StoresOneMessage_AndRepliesOnce()
    {
        await using var fake = await FakeAcs.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(fake));
        var e = ReceivedText(fake, "once", eventId: "ev-dup");

        (await PostAsync(app, Webhook, e)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync(app, Webhook, e)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await fake.WaitForSendsAsync(2);
        // A later message is answered only after everything before it: its echo proves the duplicate queued nothing.
        (await PostAsync(app, Webhook, ReceivedText(fake, "marker"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var sends = await fake.WaitForSendsAsync(3);

        sends.Count.ShouldBe(3);
        sends[2].Json["content"]!.GetValue<string>().ShouldContain("marker");
        (await CountAsync(app, "SELECT COUNT(*) FROM messages WHERE account_id = 'acs1' AND direction = 'inbound'")).ShouldBe(2);
        (await CountAsync(app, "SELECT COUNT(*) FROM webhook_events WHERE account_id = 'acs1'")).ShouldBe(3);
    }

    [Fact]
    public async Task Throttled_429ThenSuccess_TheReplyArrivesWithTheSameRepeatabilityId()
    {
        await using var fake = await FakeAcs.StartAsync();
        fake.EnqueueSend(FakeAcsReply.TooManyRequests(retryAfterSeconds: 1));
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(fake));

        (await PostAsync(app, Webhook, ReceivedText(fake, "hola"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var sends = await fake.WaitForSendsAsync(2);

        var throttled = fake.Requests.Single(r => r.Status == 429);
        throttled.SignatureValid.ShouldBeTrue();
        sends[0].Header("repeatability-request-id").ShouldBe(throttled.Header("repeatability-request-id"));
        sends[0].Header("repeatability-first-sent").ShouldBe(throttled.Header("repeatability-first-sent"));
        sends[0].Body.ShouldBe(throttled.Body);
        await EventuallyAsync(async () => await StatusOfAsync(app, sends[1].MessageId!) == "sent", "both replies recorded as sent");
        (await StatusOfAsync(app, sends[0].MessageId!)).ShouldBe("sent");
    }

    [Fact]
    public async Task InboundImage_IsFetchedFromAcsWithASignedRequest_AndStored()
    {
        await using var fake = await FakeAcs.StartAsync();
        var bytes = new byte[4096];
        Random.Shared.NextBytes(bytes);
        fake.AddMedia("6a1b2c3d-0000-4000-8000-000000000001", bytes);
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(fake));
        var e = JsonNode.Parse(AcsPayloads.Read("docs-received-image.eventgrid.json"))!.AsArray()[0]!.DeepClone().AsObject();
        e["id"] = "ev-img";
        e["data"]!["from"] = Ana;
        e["data"]!["to"] = fake.ChannelRegistrationId;
        e["data"]!["media"]!["id"] = "6a1b2c3d-0000-4000-8000-000000000001";
        Recent(e);

        (await PostAsync(app, Webhook, e)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await fake.WaitForSendsAsync(1);

        var download = fake.Requests.Single(r => r.Method == "GET");
        download.PathAndQuery.ShouldBe("/messages/streams/6a1b2c3d-0000-4000-8000-000000000001?api-version=2024-08-30");
        download.SignatureValid.ShouldBeTrue();
        await using var c = await app.Get<Database>().OpenAsync();
        var content = await c.ExecuteScalarAsync<string>("SELECT content FROM messages WHERE account_id = 'acs1' AND provider_message_id = 'ev-img'");
        var media = JsonNode.Parse(content!)!["media"]!;
        media["storedId"].ShouldNotBeNull(content);
        media["size"]!.GetValue<long>().ShouldBe(4096);
        media["mimeType"]!.GetValue<string>().ShouldBe("image/jpeg");
    }

    [Fact]
    public async Task BadRequests_GetTheirStatus()
    {
        await using var fake = await FakeAcs.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(fake));

        using var unknown = await PostAsync(app, "/webhooks/acs/nobody?code=s3cret", ReceivedText(fake, "hola"));
        using var sandbox = await PostAsync(app, "/webhooks/acs/sandbox?code=s3cret", ReceivedText(fake, "hola"));
        using var malformed = await app.Client.PostAsync(Webhook, new StringContent("[{\"id\": ", Encoding.UTF8, "application/json"));
        using var notEvents = await app.Client.PostAsync(Webhook, new StringContent("{\"hello\": 1}", Encoding.UTF8, "application/json"));
        using var big = await app.Client.PostAsync(Webhook, new StringContent("[\"" + new string('a', 3 * 1024 * 1024) + "\"]", Encoding.UTF8, "application/json"));

        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync()).ShouldNotContain("acs");
        sandbox.StatusCode.ShouldBe(HttpStatusCode.NotFound); // an account of another provider
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        malformed.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await malformed.Content.ReadAsStringAsync()).ShouldContain("Malformed JSON");
        notEvents.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        big.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await CountAsync(app, "SELECT COUNT(*) FROM webhook_events WHERE account_id = 'acs1'")).ShouldBe(0);
    }

    [Fact]
    public async Task UnknownEventType_IsAcknowledgedAndRecorded()
    {
        await using var fake = await FakeAcs.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(fake));
        var e = new JsonObject
        {
            ["id"] = "x-1",
            ["eventType"] = "Microsoft.Communication.AdvancedMessageAnalysisCompleted",
            ["data"] = new JsonObject { ["channelType"] = "whatsapp" },
            ["eventTime"] = "2025-01-01T00:00:00Z",
        };

        using var response = await PostAsync(app, Webhook, e);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await CountAsync(app, "SELECT COUNT(*) FROM webhook_events WHERE account_id = 'acs1'")).ShouldBe(1);
        (await CountAsync(app, "SELECT COUNT(*) FROM messages WHERE account_id = 'acs1'")).ShouldBe(0);
    }
}
