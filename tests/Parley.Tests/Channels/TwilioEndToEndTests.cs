using System.Net;
using System.Text;
using Dapper;
using Parley.Core.Accounts;
using Parley.Core.Media;
using Parley.Core.Messaging;
using Parley.Core.Outbound;

namespace Parley.Tests.Channels;

/// <summary>
/// A Twilio account end to end: signed webhooks in through HTTP, stored, answered by the echo bot, replies sent to
/// <see cref="FakeTwilio"/> (a real HTTP server), status callbacks back in.
/// </summary>
public sealed class TwilioEndToEndTests
{
    private const string Ana = "+15550001111";
    private const string Webhook = "/webhooks/twilio/tw1";
    private const string SignedUrl = "http://localhost/webhooks/twilio/tw1";

    private static Dictionary<string, string?> Settings(FakeTwilio fake) => new()
    {
        ["Parley:PublicBaseUrl"] = "http://localhost",
        ["Parley:Workers:BaseBackoff"] = "00:00:00.050",
        ["Parley:Accounts:0:Id"] = "tw1",
        ["Parley:Accounts:0:Provider"] = "twilio",
        ["Parley:Accounts:0:Bot"] = "echo", // greets a new contact, then echoes: two replies to a first message
        ["Parley:Accounts:0:AccountSid"] = fake.AccountSid,
        ["Parley:Accounts:0:AuthToken"] = fake.AuthToken,
        ["Parley:Accounts:0:From"] = "whatsapp:+14155238886",
        ["Parley:Accounts:0:ApiBaseUrl"] = fake.BaseUrl,
    };

    private sealed record Row(long id, string direction, string? provider_message_id, string status, string? error_code, string? error_reason, long process_state);

    private static async Task<List<Row>> MessagesAsync(TestApp app)
    {
        await using var c = await app.Get<Database>().OpenAsync();
        return [.. await c.QueryAsync<Row>(
            "SELECT id, direction, provider_message_id, status, error_code, error_reason, process_state FROM messages WHERE account_id = 'tw1' ORDER BY id")];
    }

    private static async Task<long> CountAsync(TestApp app, string sql)
    {
        await using var c = await app.Get<Database>().OpenAsync();
        return await c.ExecuteScalarAsync<long>(sql);
    }

    /// <summary>Polls the stored messages (default 15 s) until <paramref name="done"/> holds.</summary>
    private static async Task<List<Row>> WaitAsync(TestApp app, Func<List<Row>, bool> done)
    {
        var deadline = Environment.TickCount64 + 15_000;
        while (true)
        {
            var rows = await MessagesAsync(app);
            if (done(rows))
            {
                return rows;
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException("Messages did not reach the expected state:\n" +
                    string.Join("\n", rows.Select(r => $"  {r.id} {r.direction} {r.provider_message_id} {r.status} {r.error_code} {r.error_reason}")));
            }

            await Task.Delay(50);
        }
    }

    private static Task<HttpResponseMessage> PostAsync(TestApp app, IEnumerable<KeyValuePair<string, string>> form, string? signedUrl = SignedUrl, string? authToken = null) =>
        TwilioForms.PostSignedAsync(app.Client, Webhook, form, authToken ?? FakeTwilio.DefaultAuthToken, signedUrl);

    /// <summary>
    /// Regression guard for the one outbound path: a bot's reply longer than the channel takes (Twilio: 1,600 characters)
    /// is split by the outbound policy before it is queued, so each part is a message of its own with its own status.
    /// </summary>
    [Theory, SqliteData, PostgresData]
    public async Task BotReplyLongerThanTwilioTakes_IsQueuedAsPartsThatEachFit(DatabaseKind kind)
    {
        await using var fake = await FakeTwilio.StartAsync();
        var settings = Settings(fake);
        settings["Parley:Engine:MaxTextLength"] = "4096"; // the bots' rules cut incoming texts at 1,000 by default
        await using var app = await TestApp.StartAsync(kind, settings);
        var text = string.Join(" ", Enumerable.Repeat("palabra", 250)); // 1,999 characters; echoed with its prefix

        (await PostAsync(app, TwilioForms.Text(TwilioForms.NewMessageSid(), Ana, text))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var rows = await WaitAsync(app, rows => rows.Count(r => r.direction == "outbound" && r.provider_message_id is not null) >= 3);
        rows.Count(r => r.direction == "outbound").ShouldBe(3); // the greeting and the echo in two parts
        var sends = await fake.WaitForSendsAsync(3);
        sends.ShouldAllBe(s => s.Field("Body")!.Length <= 1600);
        sends[1].Field("Body")!.ShouldStartWith("You said: palabra");
        string.Join(" ", sends.Skip(1).Select(s => s.Field("Body"))).ShouldContain(text[^200..]);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Text_IsAnsweredThroughTwilio_AndStatusCallbacksOutOfOrderEndAtRead(DatabaseKind kind)
    {
        await using var fake = await FakeTwilio.StartAsync();
        await using var app = await TestApp.StartAsync(kind, Settings(fake));

        using var response = await PostAsync(app, TwilioForms.Text(TwilioForms.NewMessageSid(), Ana, "hello"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/xml");
        (await response.Content.ReadAsStringAsync()).ShouldBe("<Response></Response>");

        var sends = await fake.WaitForSendsAsync(2);
        var inbound = (await MessagesAsync(app)).First(r => r.direction == "inbound");
        var expectedAuth = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fake.AccountSid}:{fake.AuthToken}"));
        sends.ShouldAllBe(s => s.Authorization == expectedAuth);
        sends.ShouldAllBe(s => s.Field("From") == "whatsapp:+14155238886" && s.Field("To") == "whatsapp:+15550001111");
        sends.ShouldAllBe(s => s.Field("StatusCallback") == SignedUrl);
        sends[0].Field("Body").ShouldBe("Hi Ana! 👋 I'm Parley's demo bot.");
        sends[1].Field("Body")!.ShouldStartWith("You said: hello");
        sends.Select(s => s.Header("I-Twilio-Idempotency-Token")).ShouldBe([$"reply:{inbound.id}:0", $"reply:{inbound.id}:1"]);

        var echoSid = sends[1].Sid!;
        await WaitAsync(app, rows => rows.Any(r => r.provider_message_id == echoSid && r.status == "sent"));

        (await PostAsync(app, TwilioForms.Status(echoSid, "delivered", Ana))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync(app, TwilioForms.Status(echoSid, "sent", Ana))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MessagesAsync(app)).Single(r => r.provider_message_id == echoSid).status.ShouldBe("delivered");
        (await PostAsync(app, TwilioForms.Status(echoSid, "read", Ana))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var echo = (await MessagesAsync(app)).Single(r => r.provider_message_id == echoSid);
        echo.status.ShouldBe("read");
        var history = await app.Get<MessageQueries>().StatusHistoryAsync(echo.id);
        history.Select(h => h.Status).ShouldBe([MessageStatus.Sent, MessageStatus.Delivered, MessageStatus.Read], ignoreOrder: true);
    }

    [Fact]
    public async Task WrongOrMissingSignature_Is403_AndNothingIsStored()
    {
        await using var fake = await FakeTwilio.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(fake));
        var form = TwilioForms.Text(TwilioForms.NewMessageSid(), Ana, "hello");

        using var wrongToken = await PostAsync(app, form, authToken: "not-the-token");
        using var wrongUrl = await PostAsync(app, form, signedUrl: "https://elsewhere.example.com/webhooks/twilio/tw1");
        using var unsigned = await app.Client.PostAsync(Webhook, new FormUrlEncodedContent(form));

        wrongToken.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        wrongUrl.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        unsigned.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await CountAsync(app, "SELECT COUNT(*) FROM webhook_events WHERE account_id = 'tw1'")).ShouldBe(0);
        (await MessagesAsync(app)).ShouldBeEmpty();
        fake.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task TamperedField_Is403()
    {
        await using var fake = await FakeTwilio.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(fake));
        var form = TwilioForms.Text(TwilioForms.NewMessageSid(), Ana, "hello");
        using var request = new HttpRequestMessage(HttpMethod.Post, Webhook)
        {
            Content = new FormUrlEncodedContent(form.Select(f => f.Key == "Body" ? new KeyValuePair<string, string>("Body", "hello!") : f)),
        };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(SignedUrl, form, fake.AuthToken));

        using var response = await app.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task SignatureWithTheDefaultPort_IsAccepted()
    {
        await using var fake = await FakeTwilio.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(fake));

        using var response = await PostAsync(app, TwilioForms.Text(TwilioForms.NewMessageSid(), Ana, "hello"), signedUrl: "http://localhost:80/webhooks/twilio/tw1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MessagesAsync(app)).ShouldContain(r => r.direction == "inbound");
    }

    [Fact]
    public async Task WithoutPublicBaseUrl_TheRequestUrlIsSigned()
    {
        await using var fake = await FakeTwilio.StartAsync();
        var settings = Settings(fake);
        settings.Remove("Parley:PublicBaseUrl");
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, settings);

        using var response = await PostAsync(app, TwilioForms.Text(TwilioForms.NewMessageSid(), Ana, "hello"), signedUrl: "http://localhost/webhooks/twilio/tw1?x=1&y=%2F", authToken: null);
        using var withQuery = await TwilioForms.PostSignedAsync(app.Client, Webhook + "?x=1&y=%2F", TwilioForms.Text(TwilioForms.NewMessageSid(), Ana, "hi"), fake.AuthToken, "http://localhost/webhooks/twilio/tw1?x=1&y=%2F");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden); // signed with a query the request did not have
        withQuery.StatusCode.ShouldBe(HttpStatusCode.OK); // the query counts, exactly as sent
        (await fake.WaitForSendsAsync(2)).ShouldAllBe(s => s.Field("StatusCallback") == null);
    }

    [Fact]
    public async Task SignedJsonDelivery_IsStoredAsAnEvent_AndATamperedOneRefused()
    {
        // Twilio's application/json webhooks sign the URL, which carries the body's SHA-256 (bodySHA256).
        await using var fake = await FakeTwilio.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(fake));
        const string json = "{\"property\": \"value\", \"boolean\": true}";
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        var path = $"{Webhook}?bodySHA256={hash}";
        var signature = TwilioSignature.Compute($"http://localhost{path}", [], fake.AuthToken);

        async Task<HttpStatusCode> SendAsync(string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Twilio-Signature", signature);
            using var response = await app.Client.SendAsync(request);
            return response.StatusCode;
        }

        (await SendAsync(json)).ShouldBe(HttpStatusCode.OK);
        (await SendAsync(json.Replace("true", "false", StringComparison.Ordinal))).ShouldBe(HttpStatusCode.Forbidden);
        (await CountAsync(app, "SELECT COUNT(*) FROM webhook_events WHERE account_id = 'tw1'")).ShouldBe(1);
        (await MessagesAsync(app)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SameMessageSidTwice_StoresOneMessage_AndRepliesOnce()
    {
        await using var fake = await FakeTwilio.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(fake));
        var form = TwilioForms.Text(TwilioForms.NewMessageSid(), Ana, "once");

        (await PostAsync(app, form)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync(app, form)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await fake.WaitForSendsAsync(2);
        await WaitAsync(app, rows => rows.Count(r => r.direction == "outbound" && r.status == "sent") == 2);
        await Task.Delay(500);
        (await MessagesAsync(app)).Count(r => r.direction == "inbound").ShouldBe(1);
        fake.SendAttempts.Count.ShouldBe(2);
        (await CountAsync(app, "SELECT COUNT(*) FROM webhook_events WHERE account_id = 'tw1'")).ShouldBe(2);
    }

    [Fact]
    public async Task Throttled_TwiceThenAccepted_IsSent_InOrder()
    {
        await using var fake = await FakeTwilio.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(fake));
        fake.FailNextSends(TwilioFailure.TooManyRequests(), TwilioFailure.TooManyRequests());

        await PostAsync(app, TwilioForms.Text(TwilioForms.NewMessageSid(), Ana, "hello"));

        var sends = await fake.WaitForSendsAsync(2);
        sends[0].Field("Body").ShouldBe("Hi Ana! 👋 I'm Parley's demo bot.");
        sends[1].Field("Body")!.ShouldStartWith("You said: hello");
        fake.SendAttempts.Select(a => a.Status).ShouldBe([429, 429, 201, 201]);
        var rows = await WaitAsync(app, r => r.Count(m => m.direction == "outbound" && m.status == "sent") == 2);
        rows.Where(r => r.direction == "outbound").Select(r => r.provider_message_id).ShouldBe([sends[0].Sid, sends[1].Sid]);
    }

    [Fact]
    public async Task OutsideTheWindow_FailsThatMessageWithTheReason_AndTheNextIsSent()
    {
        await using var fake = await FakeTwilio.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(fake));
        fake.FailNextSends(TwilioFailure.OutsideWindow());

        await PostAsync(app, TwilioForms.Text(TwilioForms.NewMessageSid(), Ana, "hello"));

        var rows = await WaitAsync(app, r => r.Count(m => m.direction == "outbound" && m.process_state is 2 or 3) == 2);
        var greeting = rows.First(r => r.direction == "outbound");
        greeting.status.ShouldBe("failed");
        greeting.error_code.ShouldBe("63016");
        greeting.error_reason!.ShouldContain("24-hour");
        rows.Last().status.ShouldBe("sent");
        fake.Sends.ShouldHaveSingleItem().Field("Body")!.ShouldStartWith("You said: hello");
    }

    [Fact]
    public async Task FailedStatusCallback_MarksTheMessageFailedWithTheReason()
    {
        await using var fake = await FakeTwilio.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(fake));
        await PostAsync(app, TwilioForms.Text(TwilioForms.NewMessageSid(), Ana, "hello"));
        var sid = (await fake.WaitForSendsAsync(2))[0].Sid!;
        await WaitAsync(app, rows => rows.Any(r => r.provider_message_id == sid && r.status == "sent"));

        await PostAsync(app, TwilioForms.Status(sid, "undelivered", Ana, "63016", "Failed to send freeform message because you are outside the allowed window."));

        var row = (await MessagesAsync(app)).Single(r => r.provider_message_id == sid);
        row.status.ShouldBe("failed");
        row.error_code.ShouldBe("63016");
        row.error_reason!.ShouldContain("24-hour");
    }

    [Fact]
    public async Task UnknownAccount_Is404_AndOversizedBody_Is413()
    {
        await using var fake = await FakeTwilio.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(fake));
        var form = TwilioForms.Text(TwilioForms.NewMessageSid(), Ana, "hello");

        using var unknown = await TwilioForms.PostSignedAsync(app.Client, "/webhooks/twilio/nobody", form, fake.AuthToken);
        using var wrongProvider = await TwilioForms.PostSignedAsync(app.Client, "/webhooks/twilio/sandbox", form, fake.AuthToken);
        using var big = await TwilioForms.PostSignedAsync(app.Client, Webhook, [.. form, new("Padding", new string('x', 3 * 1024 * 1024))], fake.AuthToken);

        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        wrongProvider.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        big.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await MessagesAsync(app)).ShouldBeEmpty();
    }

    [Fact]
    public async Task InboundImage_IsFetchedThroughTheRedirect_WithoutLeakingCredentials()
    {
        await using var fake = await FakeTwilio.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(fake));
        byte[] bytes = [0xFF, 0xD8, 0xFF, 0xE0, 42];
        var url = fake.AddMedia(bytes, "image/jpeg", MediaRedirect.OtherOrigin);
        var sid = TwilioForms.NewMessageSid();

        await PostAsync(app, [.. TwilioForms.Incoming(sid, Ana, numMedia: "1"), new("MessageType", "image"), new("Body", ""), new("MediaContentType0", "image/jpeg"), new("MediaUrl0", url)]);

        // The core's media step fetches it through TwilioMediaDownloader before the bot answers.
        await fake.WaitForSendsAsync(2);
        var id = (await MessagesAsync(app)).Single(r => r.provider_message_id == sid).id;
        var stored = (await app.Get<MessageQueries>().FindAsync(id))!;
        stored.Content.Type.ShouldBe(MessageTypes.Image);
        stored.Content.Media!.Url.ShouldBe(url);
        stored.Content.Media.Error.ShouldBeNull();
        var file = (await app.Get<IMediaStore>().OpenAsync(stored.Content.Media.StoredId!, CancellationToken.None))!.Value;
        await using (file.Content)
        {
            using var copy = new MemoryStream();
            await file.Content.CopyToAsync(copy);
            copy.ToArray().ShouldBe(bytes);
        }

        // And called directly.
        var account = (await app.Get<AccountRegistry>().FindAsync("tw1"))!;
        var downloader = app.Get<IEnumerable<IMediaDownloader>>().Single(d => d.Provider == "twilio");
        await using (var media = await downloader.DownloadAsync(account, stored.Content.Media, CancellationToken.None))
        {
            using var copy = new MemoryStream();
            await media.Content.CopyToAsync(copy);
            copy.ToArray().ShouldBe(bytes);
            media.MimeType.ShouldBe("image/jpeg");
        }

        var hits = fake.Requests.Where(r => r.Method == "GET").ToList();
        hits.Count(h => h.Origin == fake.CdnBaseUrl).ShouldBe(2);
        hits.Where(h => h.Origin == fake.BaseUrl).ShouldAllBe(h => h.Authorization != null && h.Status == 307);
        hits.Where(h => h.Origin == fake.CdnBaseUrl).ShouldAllBe(h => h.Authorization == null);
    }

    [Fact]
    public async Task AccountTester_ChecksTheCredentials()
    {
        await using var fake = await FakeTwilio.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(fake));
        var account = (await app.Get<AccountRegistry>().FindAsync("tw1"))!;

        var result = await app.Get<IEnumerable<IAccountTester>>().Single(t => t.Provider == "twilio").TestAsync(account, CancellationToken.None);

        result.Ok.ShouldBeTrue();
    }
}
