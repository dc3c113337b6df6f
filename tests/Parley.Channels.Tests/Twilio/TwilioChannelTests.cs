using System.Text;
using System.Text.Json;
using Parley.Core.Messaging;
using Parley.Testing.Fakes;

namespace Parley.Channels.Tests.Twilio;

/// <summary>What each content type becomes on Twilio's Messages API, field by field, against the fake.</summary>
public sealed class TwilioChannelTests
{
    private const string To = "whatsapp:+15550001111";
    private const string From = "whatsapp:+14155238886";
    private const string Callback = "https://parley.example.com/webhooks/twilio/tw1";

    private static string[] Fields(RecordedRequest request) => [.. request.Form.Select(f => $"{f.Key}={f.Value}")];

    [Fact]
    public async Task Text_PostsToFromBodyAndCallback_WithBasicAuthAndIdempotencyToken()
    {
        await using var twilio = await TwilioHarness.StartAsync();

        var result = await twilio.SendAsync(MessageContent.FromText("hola 👋"), key: "reply:42:0");

        result.Accepted.ShouldBeTrue();
        var send = twilio.Fake.Sends.ShouldHaveSingleItem();
        result.ProviderMessageId.ShouldBe(send.Sid);
        result.ProviderMessageId!.ShouldStartWith("SM");
        send.Path.ShouldBe($"/2010-04-01/Accounts/{FakeTwilio.DefaultAccountSid}/Messages.json");
        send.Header("Content-Type")!.ShouldStartWith("application/x-www-form-urlencoded");
        send.Authorization.ShouldBe("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FakeTwilio.DefaultAccountSid}:{FakeTwilio.DefaultAuthToken}")));
        send.Header("I-Twilio-Idempotency-Token").ShouldBe("reply:42:0");
        Fields(send).ShouldBe([$"To={To}", $"From={From}", "Body=hola 👋", $"StatusCallback={Callback}"]);
    }

    [Fact]
    public async Task NoPublicBaseUrl_SendsNoStatusCallback()
    {
        await using var twilio = await TwilioHarness.StartAsync(publicBaseUrl: null);

        (await twilio.SendAsync(MessageContent.FromText("hi"))).Accepted.ShouldBeTrue();

        twilio.Fake.Sends.Single().Field("StatusCallback").ShouldBeNull();
    }

    [Fact]
    public async Task Recipient_FallsBackToTheWaId_WhenThePhoneIsUnknown()
    {
        await using var twilio = await TwilioHarness.StartAsync();

        (await twilio.SendAsync(MessageContent.FromText("hi"), to: "447700900123", toPhone: null)).Accepted.ShouldBeTrue();

        twilio.Fake.Sends.Single().Field("To").ShouldBe("whatsapp:+447700900123");
    }

    [Fact]
    public async Task From_WithoutWhatsAppPrefix_IsNormalized()
    {
        await using var twilio = await TwilioHarness.StartAsync();

        (await twilio.SendAsync(MessageContent.FromText("hi"), twilio.Account(from: "+14155238886"))).Accepted.ShouldBeTrue();

        twilio.Fake.Sends.Single().Field("From").ShouldBe(From);
    }

    [Fact]
    public async Task MissingFrom_IsAPermanentConfigurationError()
    {
        await using var twilio = await TwilioHarness.StartAsync();

        var result = await twilio.SendAsync(MessageContent.FromText("hi"), twilio.Account(from: null));

        result.Transient.ShouldBeFalse();
        result.ErrorCode.ShouldBe("config");
        result.ErrorReason!.ShouldContain("From");
        twilio.Fake.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task ImageWithCaption_SendsBodyAndMediaUrlTogether()
    {
        await using var twilio = await TwilioHarness.StartAsync();

        await twilio.SendAsync(new MessageContent { Type = MessageTypes.Image, Text = "our menu", Media = new MediaInfo { Url = "https://cdn.example.com/menu.jpg" } });

        Fields(twilio.Fake.Sends.ShouldHaveSingleItem()).ShouldBe([$"To={To}", $"From={From}", "Body=our menu", "MediaUrl=https://cdn.example.com/menu.jpg", $"StatusCallback={Callback}"]);
    }

    [Fact]
    public async Task DocumentWithCaption_SendsTheCaptionAfterTheFile()
    {
        // Twilio ignores Body on WhatsApp documents, video and audio: the caption must not be lost.
        await using var twilio = await TwilioHarness.StartAsync();

        var result = await twilio.SendAsync(new MessageContent { Type = MessageTypes.Document, Text = "the contract", Media = new MediaInfo { Url = "https://cdn.example.com/c.pdf" } });

        var sends = twilio.Fake.Sends;
        sends.Count.ShouldBe(2);
        Fields(sends[0]).ShouldBe([$"To={To}", $"From={From}", "MediaUrl=https://cdn.example.com/c.pdf", $"StatusCallback={Callback}"]);
        Fields(sends[1]).ShouldBe([$"To={To}", $"From={From}", "Body=the contract", $"StatusCallback={Callback}"]);
        result.ProviderMessageId.ShouldBe(sends[0].Sid);
    }

    [Theory]
    [InlineData(MessageTypes.Audio)]
    [InlineData(MessageTypes.Video)]
    [InlineData(MessageTypes.Sticker)]
    public async Task MediaWithoutCaption_SendsOnlyTheMediaUrl(string type)
    {
        await using var twilio = await TwilioHarness.StartAsync();

        await twilio.SendAsync(new MessageContent { Type = type, Media = new MediaInfo { Url = "https://cdn.example.com/f" } });

        Fields(twilio.Fake.Sends.ShouldHaveSingleItem()).ShouldBe([$"To={To}", $"From={From}", "MediaUrl=https://cdn.example.com/f", $"StatusCallback={Callback}"]);
    }

    [Theory]
    [InlineData(MessageTypes.Image, "wamid-media-1", null)]
    [InlineData(MessageTypes.Sticker, "sticker-1", null)]
    [InlineData(MessageTypes.Document, null, "stored-abc")]
    public async Task MediaById_IsRejected_NamingTheLimitation(string type, string? id, string? storedId)
    {
        await using var twilio = await TwilioHarness.StartAsync();

        var result = await twilio.SendAsync(new MessageContent { Type = type, Media = new MediaInfo { Id = id, StoredId = storedId } });

        result.Accepted.ShouldBeFalse();
        result.Transient.ShouldBeFalse();
        result.ErrorCode.ShouldBe("media_needs_url");
        result.ErrorReason!.ShouldContain("public URL");
        result.ErrorReason!.ShouldContain(id ?? storedId!);
        twilio.Fake.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Location_UsesPersistentActionGeo()
    {
        await using var twilio = await TwilioHarness.StartAsync();

        await twilio.SendAsync(new MessageContent
        {
            Type = MessageTypes.Location,
            Location = new LocationInfo(19.4326, -99.1332) { Name = "Zócalo", Address = "Plaza de la Constitución, CDMX" },
        });

        Fields(twilio.Fake.Sends.ShouldHaveSingleItem()).ShouldBe([$"To={To}", $"From={From}",
            "Body=Zócalo\nPlaza de la Constitución, CDMX", "PersistentAction=geo:19.4326,-99.1332|Zócalo", $"StatusCallback={Callback}"]);
    }

    [Fact]
    public async Task Location_WithoutName_SendsCoordinates()
    {
        await using var twilio = await TwilioHarness.StartAsync();

        await twilio.SendAsync(new MessageContent { Type = MessageTypes.Location, Location = new LocationInfo(-33.5, 151.25) });

        var send = twilio.Fake.Sends.Single();
        send.Field("PersistentAction").ShouldBe("geo:-33.5,151.25");
        send.Field("Body").ShouldBe("-33.5,151.25");
    }

    [Fact]
    public async Task Template_SendsContentSidAndNumberedVariables()
    {
        await using var twilio = await TwilioHarness.StartAsync();

        await twilio.SendAsync(new MessageContent
        {
            Type = MessageTypes.Template,
            Template = new TemplateContent("order_ready", "es_MX") { ProviderTemplateId = "HXb5b62575e6e4ff6129ad7c8efe1f983e", BodyParameters = ["Ana", "#1234 ✓"] },
        });

        var send = twilio.Fake.Sends.ShouldHaveSingleItem();
        Fields(send).ShouldBe([$"To={To}", $"From={From}", "ContentSid=HXb5b62575e6e4ff6129ad7c8efe1f983e", "ContentVariables={\"1\":\"Ana\",\"2\":\"#1234 ✓\"}", $"StatusCallback={Callback}"]);
        JsonDocument.Parse(send.Field("ContentVariables")!).RootElement.GetProperty("2").GetString().ShouldBe("#1234 ✓");
    }

    [Fact]
    public async Task Template_WithoutParameters_SendsNoVariables()
    {
        await using var twilio = await TwilioHarness.StartAsync();

        await twilio.SendAsync(new MessageContent { Type = MessageTypes.Template, Template = new TemplateContent("hello", "en") { ProviderTemplateId = "HX1" } });

        Fields(twilio.Fake.Sends.Single()).ShouldBe([$"To={To}", $"From={From}", "ContentSid=HX1", $"StatusCallback={Callback}"]);
    }

    [Fact]
    public async Task Template_WithoutContentSid_IsRejected()
    {
        await using var twilio = await TwilioHarness.StartAsync();

        var result = await twilio.SendAsync(new MessageContent { Type = MessageTypes.Template, Template = new TemplateContent("order_ready", "es_MX") });

        result.Transient.ShouldBeFalse();
        result.ErrorCode.ShouldBe("template_needs_content_sid");
        result.ErrorReason!.ShouldStartWith("Twilio needs a Content SID");
        result.ErrorReason!.ShouldContain("order_ready");
        twilio.Fake.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Buttons_AreSentAsNumberedText()
    {
        await using var twilio = await TwilioHarness.StartAsync();

        await twilio.SendAsync(new MessageContent
        {
            Type = MessageTypes.Interactive,
            Text = "Do you like reply buttons?",
            Interactive = new InteractiveContent { Kind = InteractiveContent.ButtonKind, Buttons = [new("yes", "Yes"), new("no", "No")] },
        });

        twilio.Fake.Sends.Single().Field("Body").ShouldBe("Do you like reply buttons?\n\n1. Yes\n2. No");
    }

    [Fact]
    public async Task List_IsSentAsNumberedTextWithSectionsHeaderAndFooter()
    {
        await using var twilio = await TwilioHarness.StartAsync();

        await twilio.SendAsync(new MessageContent
        {
            Type = MessageTypes.Interactive,
            Text = "What would you like to try?",
            Interactive = new InteractiveContent
            {
                Kind = InteractiveContent.ListKind,
                Header = "Parley",
                Footer = "Pick an option",
                ListButton = "Options",
                Sections =
                [
                    new ListSection("Try", [new ListRow("buttons", "Reply buttons") { Description = "A message with buttons" }, new ListRow("location", "Location")]),
                    new ListSection("About", [new ListRow("about", "What is Parley?")]),
                ],
            },
        });

        twilio.Fake.Sends.Single().Field("Body").ShouldBe(
            "*Parley*\nWhat would you like to try?\n\n*Try*\n1. Reply buttons — A message with buttons\n2. Location\n\n*About*\n3. What is Parley?\n\n_Pick an option_");
    }

    [Fact]
    public async Task Contacts_AreSentAsText()
    {
        await using var twilio = await TwilioHarness.StartAsync();

        await twilio.SendAsync(new MessageContent
        {
            Type = MessageTypes.Contacts,
            Contacts = [new ContactCard { FormattedName = "Ana López", Phones = [new ContactPhone("+5215512345678")] }],
        });

        twilio.Fake.Sends.Single().Field("Body").ShouldBe("Ana López\n+5215512345678");
    }

    [Fact]
    public async Task Reaction_IsRejected_NamingTheLimitation()
    {
        await using var twilio = await TwilioHarness.StartAsync();

        var result = await twilio.SendAsync(new MessageContent { Type = MessageTypes.Reaction, Reaction = new ReactionInfo("SM1", "👍") });

        result.Transient.ShouldBeFalse();
        result.ErrorCode.ShouldBe("unsupported_reaction");
        result.ErrorReason!.ShouldContain("cannot send WhatsApp reactions");
        twilio.Fake.Requests.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(MessageTypes.Order)]
    [InlineData(MessageTypes.Unknown)]
    public async Task OtherTypes_AreRejected(string type)
    {
        await using var twilio = await TwilioHarness.StartAsync();

        var result = await twilio.SendAsync(new MessageContent { Type = type, Text = "x" });

        result.ErrorCode.ShouldBe("unsupported_type");
        result.ErrorReason!.ShouldContain(type);
    }

    [Fact]
    public async Task LongText_IsSplitAt1600_AndSentInOrder()
    {
        await using var twilio = await TwilioHarness.StartAsync();
        var first = string.Join(" ", Enumerable.Repeat("alpha", 250)) + ".";
        var second = string.Join(" ", Enumerable.Repeat("omega", 100)) + ".";

        var result = await twilio.SendAsync(MessageContent.FromText(first + "\n\n" + second), key: "reply:7:0");

        var sends = twilio.Fake.Sends;
        sends.Count.ShouldBe(2);
        sends[0].Field("Body").ShouldBe(first);
        sends[1].Field("Body").ShouldBe(second);
        sends.ShouldAllBe(s => s.Field("Body")!.Length <= 1600);
        sends.Select(s => s.Header("I-Twilio-Idempotency-Token")).ShouldBe(["reply:7:0", "reply:7:0:part2"]);
        result.ProviderMessageId.ShouldBe(sends[0].Sid);
    }

    [Fact]
    public async Task LongText_LaterPartThrottled_IsRetriedInPlace()
    {
        await using var twilio = await TwilioHarness.StartAsync();
        twilio.Fake.ScriptSends(null, TwilioFailure.TooManyRequests());

        var result = await twilio.SendAsync(MessageContent.FromText(string.Join(" ", Enumerable.Repeat("word", 500))), key: "k");

        result.Accepted.ShouldBeTrue();
        result.ProviderMessageId.ShouldBe(twilio.Fake.Sends[0].Sid);
        twilio.Fake.SendAttempts.Select(a => (a.Status, a.Header("I-Twilio-Idempotency-Token"))).ShouldBe([(201, "k"), (429, "k:part2"), (201, "k:part2")]);
    }

    [Fact]
    public async Task LongText_LaterPartKeepsFailing_ReportsWhatWasSent_WithoutRequeueing()
    {
        // Re-queueing would send part 1 again; the message fails with a reason naming what got through.
        await using var twilio = await TwilioHarness.StartAsync(settings: new Dictionary<string, string?> { ["Parley:Twilio:PartRetries"] = "1" });
        twilio.Fake.ScriptSends(null, TwilioFailure.TooManyRequests(), TwilioFailure.TooManyRequests());

        var result = await twilio.SendAsync(MessageContent.FromText(string.Join(" ", Enumerable.Repeat("word", 500))));

        result.Accepted.ShouldBeFalse();
        result.Transient.ShouldBeFalse();
        result.ErrorCode.ShouldBe("partially_sent");
        result.ErrorReason!.ShouldContain("Sent 1 of 2 parts");
        result.ErrorReason!.ShouldContain(twilio.Fake.Sends.Single().Sid!);
        twilio.Fake.SendAttempts.Count.ShouldBe(3);
    }

    [Fact]
    public async Task LongText_LaterPartRejected_IsNotRetried()
    {
        await using var twilio = await TwilioHarness.StartAsync();
        twilio.Fake.ScriptSends(null, TwilioFailure.InvalidTo());

        var result = await twilio.SendAsync(MessageContent.FromText(string.Join(" ", Enumerable.Repeat("word", 500))));

        result.ErrorCode.ShouldBe("partially_sent");
        result.ErrorReason!.ShouldContain("Invalid 'To'");
        twilio.Fake.SendAttempts.Count.ShouldBe(2);
    }

    [Fact]
    public async Task LongText_FirstPartThrottled_IsRetriedByTheQueue()
    {
        // Nothing was sent yet, so the whole message may safely be retried later.
        await using var twilio = await TwilioHarness.StartAsync();
        twilio.Fake.FailNextSends(TwilioFailure.TooManyRequests());

        var result = await twilio.SendAsync(MessageContent.FromText(string.Join(" ", Enumerable.Repeat("word", 500))));

        result.Transient.ShouldBeTrue();
        twilio.Fake.SendAttempts.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Throttled_IsRetried()
    {
        await using var twilio = await TwilioHarness.StartAsync();
        twilio.Fake.FailNextSends(TwilioFailure.TooManyRequests(TimeSpan.FromSeconds(3)));

        var result = await twilio.SendAsync(MessageContent.FromText("hi"));

        result.Transient.ShouldBeTrue();
        result.ErrorCode.ShouldBe("20429");
        result.RetryAfter.ShouldBe(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task OutsideTheWindow_FailsWithTheReason()
    {
        await using var twilio = await TwilioHarness.StartAsync();
        twilio.Fake.FailNextSends(TwilioFailure.OutsideWindow());

        var result = await twilio.SendAsync(MessageContent.FromText("hi"));

        result.Transient.ShouldBeFalse();
        result.ErrorCode.ShouldBe("63016");
        result.ErrorReason!.ShouldContain("24-hour");
    }

    [Fact]
    public async Task InvalidNumber_FailsForGood()
    {
        await using var twilio = await TwilioHarness.StartAsync();
        twilio.Fake.FailNextSends(TwilioFailure.InvalidTo());

        var result = await twilio.SendAsync(MessageContent.FromText("hi"));

        result.Transient.ShouldBeFalse();
        result.ErrorCode.ShouldBe("21211");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ServerErrors_AreRetried(bool html)
    {
        await using var twilio = await TwilioHarness.StartAsync();
        twilio.Fake.FailNextSends(html ? TwilioFailure.BadGatewayPage() : TwilioFailure.ServerError());

        var result = await twilio.SendAsync(MessageContent.FromText("hi"));

        result.Transient.ShouldBeTrue();
        result.ErrorCode.ShouldBe(html ? "http_502" : "20500");
    }

    [Fact]
    public async Task WrongAuthToken_FailsForGood()
    {
        await using var twilio = await TwilioHarness.StartAsync();

        var result = await twilio.SendAsync(MessageContent.FromText("hi"), twilio.Account(authToken: "wrong"));

        result.Transient.ShouldBeFalse();
        result.ErrorCode.ShouldBe("20003");
        result.ErrorReason!.ShouldContain("AuthToken");
    }

    [Fact]
    public async Task SlowTwilio_TimesOutAndIsRetried()
    {
        await using var twilio = await TwilioHarness.StartAsync(settings: new Dictionary<string, string?> { ["Parley:Twilio:Timeout"] = "00:00:00.300" });
        twilio.Fake.SendDelay = TimeSpan.FromSeconds(5);

        var result = await twilio.SendAsync(MessageContent.FromText("hi"));

        result.Transient.ShouldBeTrue();
        result.ErrorCode.ShouldBe("timeout");
    }

    [Fact]
    public async Task Unreachable_IsRetried()
    {
        await using var twilio = await TwilioHarness.StartAsync();

        // Port 9 on loopback: nothing listens there.
        var result = await twilio.SendAsync(MessageContent.FromText("hi"), twilio.Account(baseUrl: "http://127.0.0.1:9"));

        result.Transient.ShouldBeTrue();
        result.ErrorCode.ShouldBe("network");
    }
}
