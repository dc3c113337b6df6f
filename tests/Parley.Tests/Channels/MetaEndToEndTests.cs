using System.Net;
using Dapper;
using Parley.Core.Messaging;

namespace Parley.Tests.Channels;

/// <summary>
/// A Meta account end to end: signed webhooks in through HTTP, stored, answered by the echo bot, sent to a fake
/// Graph API on 127.0.0.1, and delivery statuses back through webhooks.
/// </summary>
public sealed class MetaEndToEndTests
{
    private const string Sheena = "16505551234";

    private static async Task<(FakeMetaGraph Graph, TestApp App)> StartAsync(DatabaseKind kind = DatabaseKind.Sqlite)
    {
        var graph = await FakeMetaGraph.StartAsync();
        var settings = graph.AccountSettings();
        settings["Parley:Workers:BaseBackoff"] = "00:00:00.050";
        settings["Parley:Workers:PollInterval"] = "00:00:00.050";
        return (graph, await TestApp.StartAsync(kind, settings));
    }

    [Theory, SqliteData, PostgresData]
    public async Task TextWebhook_IsAnswered_AndStatusesOnlyMoveForward(DatabaseKind kind)
    {
        var (graph, app) = await StartAsync(kind);
        await using var _ = graph;
        await using var __ = app;

        using var response = await app.Client.PostMetaWebhookAsync("meta1", MetaWebhooks.Text(Sheena, "hello", "wamid.in.1"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var sends = await graph.WaitForAcceptedAsync(2);
        sends.ShouldAllBe(s => s.Authorization == $"Bearer {FakeMetaGraph.AccessToken}" && s.Path == $"/v23.0/{FakeMetaGraph.PhoneNumberId}/messages");
        sends.Select(s => s.Json!["to"]!.GetValue<string>()).ShouldBe([Sheena, Sheena]);
        sends.Select(s => s.Json!["type"]!.GetValue<string>()).ShouldBe(["text", "text"]);
        sends[0].Json!["text"]!["body"]!.GetValue<string>().ShouldBe("Hi Sheena Nelson! 👋 I'm Parley's demo bot.");
        sends[1].Json!["text"]!["body"]!.GetValue<string>().ShouldBe("You said: hello\n\nType *help* for the menu.");
        sends[1].Json!["messaging_product"]!.GetValue<string>().ShouldBe("whatsapp");

        var inbound = await FindAsync(app, "wamid.in.1");
        inbound.Content.Text.ShouldBe("hello");
        inbound.Status.ShouldBe(MessageStatus.Received);

        var echo = sends[1].AnsweredId!;
        var id = (await WaitForAsync(app, echo, m => m.Status == MessageStatus.Sent)).Id;

        await PostStatusAsync(app, echo, "delivered", 1750030100);
        (await app.Get<MessageQueries>().FindAsync(id))!.Status.ShouldBe(MessageStatus.Delivered);

        // A late "sent" after "delivered" must not move the message back.
        await PostStatusAsync(app, echo, "sent", 1750030050);
        (await app.Get<MessageQueries>().FindAsync(id))!.Status.ShouldBe(MessageStatus.Delivered);

        await PostStatusAsync(app, echo, "read", 1750030200);
        var read = (await app.Get<MessageQueries>().FindAsync(id))!;
        read.Status.ShouldBe(MessageStatus.Read);
        read.StatusAt.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1750030200));
        (await app.Get<MessageQueries>().StatusHistoryAsync(id)).Select(h => h.Status).ShouldBe([MessageStatus.Sent, MessageStatus.Delivered, MessageStatus.Read], ignoreOrder: true);
    }

    [Fact]
    public async Task VerificationHandshake_EchoesTheChallenge_OnlyForTheRightToken()
    {
        var (graph, app) = await StartAsync();
        await using var _ = graph;
        await using var __ = app;

        using var ok = await app.Client.GetAsync($"/webhooks/meta/meta1?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token={FakeMetaGraph.VerifyToken}");
        using var wrongToken = await app.Client.GetAsync("/webhooks/meta/meta1?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=nope");
        using var wrongMode = await app.Client.GetAsync($"/webhooks/meta/meta1?hub.mode=unsubscribe&hub.challenge=1158201444&hub.verify_token={FakeMetaGraph.VerifyToken}");
        using var noToken = await app.Client.GetAsync("/webhooks/meta/meta1?hub.mode=subscribe&hub.challenge=1158201444");
        using var unknown = await app.Client.GetAsync($"/webhooks/meta/nobody?hub.mode=subscribe&hub.challenge=1&hub.verify_token={FakeMetaGraph.VerifyToken}");

        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        ok.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        (await ok.Content.ReadAsStringAsync()).ShouldBe("1158201444");
        wrongToken.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await wrongToken.Content.ReadAsStringAsync()).ShouldNotContain("1158201444");
        wrongMode.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        noToken.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("")]
    [InlineData(null)]
    public async Task WrongOrMissingSignature_Is401_AndNothingIsStored(string? signature)
    {
        var (graph, app) = await StartAsync();
        await using var _ = graph;
        await using var __ = app;
        var body = MetaWebhooks.Text(Sheena, "hello", "wamid.in.forged");
        using var request = MetaWebhooks.Request("meta1", body, secret: null);
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(MetaWebhooks.SignatureHeader, signature);
        }

        using var response = await app.Client.SendAsync(request);
        using var otherSecret = await app.Client.PostMetaWebhookAsync("meta1", body, "ANOTHER_APP_SECRET");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        otherSecret.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await CountAsync(app, "SELECT COUNT(*) FROM webhook_events")).ShouldBe(0);
        (await CountAsync(app, "SELECT COUNT(*) FROM messages")).ShouldBe(0);
    }

    [Fact]
    public async Task UnknownAccount_Is404_OversizedBodies_Are413_AndSignedMalformedJson_IsKeptAsAFailedEvent()
    {
        var (graph, app) = await StartAsync();
        await using var _ = graph;
        await using var __ = app;

        using var unknown = await app.Client.PostMetaWebhookAsync("nobody", MetaWebhooks.Text(Sheena, "hi", "wamid.x"));
        using var sandbox = await app.Client.PostMetaWebhookAsync("sandbox", MetaWebhooks.Text(Sheena, "hi", "wamid.x"));
        using var malformed = await app.Client.PostMetaWebhookAsync("meta1", "{\"object\": \"whatsapp_business_account\", \"entry\": [");
        using var big = await app.Client.PostMetaWebhookAsync("meta1", "{\"pad\":\"" + new string('a', 3 * 1024 * 1024) + "\"}");

        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        sandbox.StatusCode.ShouldBe(HttpStatusCode.NotFound, "the sandbox account is not a Meta account");
        // Signed, so it is Meta's: kept to inspect and replay rather than refused (Meta would redeliver it forever).
        malformed.StatusCode.ShouldBe(HttpStatusCode.OK);
        big.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await CountAsync(app, "SELECT COUNT(*) FROM webhook_events WHERE state = 'failed' AND body LIKE '{\"object\": \"whatsapp_business_account\", \"entry\": [%'")).ShouldBe(1);
        (await CountAsync(app, "SELECT COUNT(*) FROM webhook_events")).ShouldBe(1);
    }

    [Theory, SqliteData, PostgresData]
    public async Task DuplicateWebhook_StoresOneMessage_AndRepliesOnce(DatabaseKind kind)
    {
        var (graph, app) = await StartAsync(kind);
        await using var _ = graph;
        await using var __ = app;
        var body = MetaWebhooks.Text(Sheena, "once", "wamid.in.dup");

        using (var first = await app.Client.PostMetaWebhookAsync("meta1", body))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await graph.WaitForAcceptedAsync(2);
        // Meta redelivers after the first was processed. (A redelivery while the first is being processed can deadlock
        // intake against the inbound worker on PostgreSQL, answering 500 so that Meta retries: reported to the core.)
        using (var second = await app.Client.PostMetaWebhookAsync("meta1", body))
        {
            second.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // Absence can only be seen by waiting: give a duplicate reply time to appear.
        await Task.Delay(500);
        graph.Sends.Count.ShouldBe(2, "greeting and echo, once");
        (await CountAsync(app, "SELECT COUNT(*) FROM messages WHERE direction = 'inbound'")).ShouldBe(1);
        (await CountAsync(app, "SELECT COUNT(*) FROM webhook_events")).ShouldBe(2);
    }

    /// <summary>
    /// Regression guard: a redelivery arriving while the first copy is being processed once deadlocked intake
    /// against the inbound worker on PostgreSQL (opposite lock order on conversation and message rows).
    /// </summary>
    [Theory, SqliteData, PostgresData]
    public async Task ConcurrentRedeliveries_AllAcknowledged_EachMessageStoredAndAnsweredOnce(DatabaseKind kind)
    {
        var (graph, app) = await StartAsync(kind);
        await using var _ = graph;
        await using var __ = app;
        const int messages = 8;
        const int copies = 4;
        var bodies = Enumerable.Range(0, messages).Select(i => MetaWebhooks.Text($"1650555{i:0000}", $"hello {i}", $"wamid.in.race.{i}")).ToList();

        var posts = bodies.SelectMany(b => Enumerable.Range(0, copies).Select(async n =>
        {
            await Task.Delay(n * 15);
            using var response = await app.Client.PostMetaWebhookAsync("meta1", b);
            return response.StatusCode;
        }));
        var statuses = await Task.WhenAll(posts);

        statuses.ShouldAllBe(s => s == HttpStatusCode.OK);
        await graph.WaitForAcceptedAsync(messages * 2);
        await Task.Delay(500);
        graph.Sends.Count.ShouldBe(messages * 2, "a greeting and an echo per message, once");
        (await CountAsync(app, "SELECT COUNT(*) FROM messages WHERE direction = 'inbound'")).ShouldBe(messages);
    }

    [Fact]
    public async Task UnsupportedMessage_IsStoredAsUnknown_AndAcknowledged()
    {
        var (graph, app) = await StartAsync();
        await using var _ = graph;
        await using var __ = app;

        using var response = await app.Client.PostMetaWebhookAsync("meta1", MetaWebhooks.Fresh(MetaWebhooks.Sample("inbound-unsupported.json")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var stored = await FindAsync(app, "wamid.HBgLMTQyMDU1NTA3NDkVAgASGBI5N0MwRjg0RTVBNUI1RDA2OTkA");
        stored.Content.Type.ShouldBe(MessageTypes.Unknown);
        stored.Content.Extra!.Value.GetProperty("errors")[0].GetProperty("code").GetInt32().ShouldBe(131051);
        var sends = await graph.WaitForAcceptedAsync(2);
        sends[1].Json!["text"]!["body"]!.GetValue<string>().ShouldStartWith("I received: unknown");
    }

    [Fact]
    public async Task ImageWebhook_TheMediaIsFetchedFromMeta_BeforeTheBotSeesIt()
    {
        var (graph, app) = await StartAsync();
        await using var _ = graph;
        await using var __ = app;
        var bytes = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 74, 70, 73, 70 };
        graph.AddMedia("1003383421387256", bytes, "image/jpeg");
        // The sample's hash is of Meta's own file; this fake serves other bytes, so the webhook carries their hash.
        var body = MetaWebhooks.Fresh(MetaWebhooks.Sample("inbound-image.json")
            .Replace("SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=", Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(bytes)), StringComparison.Ordinal));

        using var response = await app.Client.PostMetaWebhookAsync("meta1", body);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var sends = await graph.WaitForAcceptedAsync(2);
        sends[1].Json!["text"]!["body"]!.GetValue<string>().ShouldStartWith("I received: image");
        var stored = await FindAsync(app, "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
        stored.Content.Media!.Error.ShouldBeNull();
        stored.Content.Media!.StoredId.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        stored.Content.Media.Error.ShouldBeNull();
        graph.Requests.Select(r => r.Path).ShouldContain("/media-download/1003383421387256");
    }

    [Theory, SqliteData, PostgresData]
    public async Task Throttled_IsRetriedWithBackoff_ThenSentAndDelivered(DatabaseKind kind)
    {
        var (graph, app) = await StartAsync(kind);
        await using var _ = graph;
        await using var __ = app;
        graph.FailNextSends(2, FakeGraphFailure.RateLimit);

        using var response = await app.Client.PostMetaWebhookAsync("meta1", MetaWebhooks.Text(Sheena, "hello", "wamid.in.throttled"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var accepted = await graph.WaitForAcceptedAsync(2);
        graph.Sends.Count.ShouldBe(4, "two throttled attempts, then greeting and echo");
        // Order is kept: the greeting held the echo back while it was retried.
        accepted[0].Json!["text"]!["body"]!.GetValue<string>().ShouldStartWith("Hi Sheena Nelson!");
        var greeting = await WaitForAsync(app, accepted[0].AnsweredId!, m => m.Status == MessageStatus.Sent);
        greeting.Attempts.ShouldBe(3);

        await PostStatusAsync(app, accepted[0].AnsweredId!, "delivered", 1750030100);
        (await app.Get<MessageQueries>().FindAsync(greeting.Id))!.Status.ShouldBe(MessageStatus.Delivered);
    }

    [Theory, SqliteData, PostgresData]
    public async Task ExpiredToken_FailsTheReplies_WithAReasonThatSaysSo(DatabaseKind kind)
    {
        var (graph, app) = await StartAsync(kind);
        await using var _ = graph;
        await using var __ = app;
        graph.FailNextSends(10, FakeGraphFailure.ExpiredToken);

        using var response = await app.Client.PostMetaWebhookAsync("meta1", MetaWebhooks.Text(Sheena, "hello", "wamid.in.expired"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var failed = await WaitForOutboundAsync(app, 2, m => m.Status == MessageStatus.Failed);
        failed.ShouldAllBe(m => m.ErrorCode == "190" && m.ErrorReason!.Contains("access token"));
        failed.ShouldAllBe(m => m.Attempts == 1, "a permanent error is not retried");
        graph.Accepted.ShouldBeEmpty();
    }

    [Fact]
    public async Task FailedStatusWebhook_RecordsMetasErrorOnTheMessage()
    {
        var (graph, app) = await StartAsync();
        await using var _ = graph;
        await using var __ = app;
        using (await app.Client.PostMetaWebhookAsync("meta1", MetaWebhooks.Text(Sheena, "hello", "wamid.in.2")))
        {
        }

        var sends = await graph.WaitForAcceptedAsync(2);
        var message = await WaitForAsync(app, sends[0].AnsweredId!, m => m.Status == MessageStatus.Sent);

        using (var failed = await app.Client.PostMetaWebhookAsync("meta1", MetaWebhooks.Status(sends[0].AnsweredId!, "failed", Sheena, 1751142888,
            131026, "Message undeliverable", "Unable to deliver message.")))
        {
            failed.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var stored = (await app.Get<MessageQueries>().FindAsync(message.Id))!;
        stored.Status.ShouldBe(MessageStatus.Failed);
        stored.ErrorCode.ShouldBe("131026");
        stored.ErrorReason.ShouldBe("Message undeliverable: Unable to deliver message.");
    }

    private static async Task PostStatusAsync(TestApp app, string wamid, string status, long timestamp)
    {
        using var response = await app.Client.PostMetaWebhookAsync("meta1", MetaWebhooks.Status(wamid, status, Sheena, timestamp));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<long> CountAsync(TestApp app, string sql)
    {
        await using var c = await app.Get<Database>().OpenAsync();
        return await c.ExecuteScalarAsync<long>(sql);
    }

    private static async Task<StoredMessage> FindAsync(TestApp app, string providerId) => await WaitForAsync(app, providerId, _ => true);

    /// <summary>Polls (up to 15 s) until the message with this provider id exists and satisfies <paramref name="done"/>.</summary>
    private static async Task<StoredMessage> WaitForAsync(TestApp app, string providerId, Func<StoredMessage, bool> done)
    {
        var deadline = Environment.TickCount64 + 15_000;
        StoredMessage? message = null;
        while (Environment.TickCount64 < deadline)
        {
            await using (var c = await app.Get<Database>().OpenAsync())
            {
                var id = await c.ExecuteScalarAsync<long?>("SELECT id FROM messages WHERE provider_message_id = @providerId", new { providerId });
                message = id is null ? null : await app.Get<MessageQueries>().FindAsync(id.Value);
            }

            if (message is not null && done(message))
            {
                return message;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Message {providerId} did not reach the expected state; it is {message?.Status.ToString() ?? "missing"}.");
    }

    private static async Task<List<StoredMessage>> WaitForOutboundAsync(TestApp app, int count, Func<StoredMessage, bool> done)
    {
        var deadline = Environment.TickCount64 + 15_000;
        List<StoredMessage> messages = [];
        while (Environment.TickCount64 < deadline)
        {
            await using (var c = await app.Get<Database>().OpenAsync())
            {
                var ids = await c.QueryAsync<long>("SELECT id FROM messages WHERE direction = 'outbound' ORDER BY id");
                messages = [];
                foreach (var id in ids)
                {
                    messages.Add((await app.Get<MessageQueries>().FindAsync(id))!);
                }
            }

            if (messages.Count >= count && messages.All(done))
            {
                return messages;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Outbound messages: {string.Join(", ", messages.Select(m => $"{m.Id} {m.Status} {m.ErrorCode}"))}");
    }
}
