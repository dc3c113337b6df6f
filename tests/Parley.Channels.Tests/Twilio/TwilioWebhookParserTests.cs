using System.Text.Json;
using Parley.Channels.Twilio;
using Parley.Core.Messaging;
using Parley.Testing.Fakes;

namespace Parley.Channels.Tests.Twilio;

/// <summary>
/// Incoming-message and status-callback forms built from Twilio's documented parameter tables (twilio.md §1–2);
/// Twilio publishes no complete WhatsApp form, so each field set here is synthetic.
/// </summary>
public sealed class TwilioWebhookParserTests
{
    private const string Ana = "+14017122661";
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static InboundBatch Parse(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var list = fields.ToList();
        var body = string.Join("&", list.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
        return TwilioWebhookParser.Parse("tw1", TwilioForm.Parse(body), body, "application/x-www-form-urlencoded", Now);
    }

    private static InboundMessage Single(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var batch = Parse(fields);
        batch.Statuses.ShouldBeEmpty();
        return batch.Messages.ShouldHaveSingleItem();
    }

    private static List<KeyValuePair<string, string>> Incoming(string sid = "SM11111111111111111111111111111111", string numMedia = "0") =>
        TwilioForms.Incoming(sid, Ana, "Perspective Coffee", numMedia);

    [Fact]
    public void Text_BecomesATextMessageFromTheWaId()
    {
        var batch = Parse(TwilioForms.Text("SM11111111111111111111111111111111", Ana, "hola 👋"));

        batch.AccountId.ShouldBe("tw1");
        batch.Provider.ShouldBe("twilio");
        batch.ContentType.ShouldBe("application/x-www-form-urlencoded");
        var message = batch.Messages.ShouldHaveSingleItem();
        message.ProviderMessageId.ShouldBe("SM11111111111111111111111111111111");
        message.Content.Type.ShouldBe(MessageTypes.Text);
        message.Content.Text.ShouldBe("hola 👋");
        message.From.WaId.ShouldBe("14017122661");
        message.From.Phone.ShouldBe(Ana);
        message.From.ProfileName.ShouldBe("Ana");
        message.Timestamp.ShouldBe(Now);
    }

    [Fact]
    public void Raw_KeepsEveryField_IncludingOnesTwilioAddsLater()
    {
        var message = Single([.. TwilioForms.Text("SM11111111111111111111111111111111", Ana, "hi"), new("BrandNewField", "surprise"), new("ChannelMetadata", "{\"type\":\"whatsapp\"}")]);

        using var raw = JsonDocument.Parse(message.Raw!);
        raw.RootElement.GetProperty("BrandNewField").GetString().ShouldBe("surprise");
        raw.RootElement.GetProperty("ChannelMetadata").GetString().ShouldBe("{\"type\":\"whatsapp\"}");
        raw.RootElement.GetProperty("SmsStatus").GetString().ShouldBe("received");
    }

    [Fact]
    public void From_WithoutWaId_UsesTheNumberDigits()
    {
        var fields = TwilioForms.Text("SM1", Ana, "hi").Where(f => f.Key != "WaId").ToList();

        var message = Single(fields);

        message.From.WaId.ShouldBe("14017122661");
        message.From.Phone.ShouldBe(Ana);
    }

    [Fact]
    public void WaId_WinsOverTheFromDigits()
    {
        // Twilio's WaId is WhatsApp's own id for the sender; keep it even when it differs from From.
        var fields = TwilioForms.Text("SM1", Ana, "hi").Select(f => f.Key == "WaId" ? new KeyValuePair<string, string>("WaId", "15550009999") : f).ToList();

        Single(fields).From.WaId.ShouldBe("15550009999");
    }

    [Fact]
    public void Image_WithCaption_IsOneImageMessage()
    {
        var message = Single([.. Incoming(numMedia: "1"), new("MessageType", "image"), new("Body", "look"),
            new("MediaContentType0", "image/jpeg"),
            new("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Messages/MM11111111111111111111111111111111/Media/ME11111111111111111111111111111111")]);

        message.Content.Type.ShouldBe(MessageTypes.Image);
        message.Content.Text.ShouldBe("look");
        message.Content.Media!.Url.ShouldEndWith("/Media/ME11111111111111111111111111111111");
        message.Content.Media.Id.ShouldBe("ME11111111111111111111111111111111");
        message.Content.Media.MimeType.ShouldBe("image/jpeg");
    }

    [Fact]
    public void SeveralMedia_BecomeOneMessageEach_WithSuffixedIds()
    {
        var batch = Parse([.. Incoming(numMedia: "3"), new("Body", "three"),
            new("MediaContentType0", "image/png"), new("MediaUrl0", "https://api.twilio.com/m/ME0"),
            new("MediaContentType1", "application/pdf"), new("MediaUrl1", "https://api.twilio.com/m/ME1"),
            new("MediaContentType2", "video/mp4"), new("MediaUrl2", "https://api.twilio.com/m/ME2")]);

        batch.Messages.Select(m => m.ProviderMessageId).ShouldBe(["SM11111111111111111111111111111111", "SM11111111111111111111111111111111/1", "SM11111111111111111111111111111111/2"]);
        batch.Messages.Select(m => m.Content.Type).ShouldBe([MessageTypes.Image, MessageTypes.Document, MessageTypes.Video]);
        batch.Messages.Select(m => m.Content.Media!.Url).ShouldBe(["https://api.twilio.com/m/ME0", "https://api.twilio.com/m/ME1", "https://api.twilio.com/m/ME2"]);
        batch.Messages[0].Content.Text.ShouldBe("three");
        batch.Messages[1].Content.Text.ShouldBeNull();
        batch.Messages.ShouldAllBe(m => m.From.WaId == "14017122661");
    }

    [Theory]
    [InlineData("image/webp", MessageTypes.Sticker, false)]
    [InlineData("audio/ogg", MessageTypes.Audio, true)]
    [InlineData("audio/mpeg", MessageTypes.Audio, false)]
    [InlineData("video/mp4", MessageTypes.Video, false)]
    [InlineData("application/pdf", MessageTypes.Document, false)]
    [InlineData("text/vcard", MessageTypes.Document, false)]
    [InlineData("", MessageTypes.Document, false)]
    public void Media_TypeFollowsTheContentType(string contentType, string type, bool voice)
    {
        var message = Single([.. Incoming(numMedia: "1"), new("Body", ""), new("MediaContentType0", contentType), new("MediaUrl0", "https://api.twilio.com/m/ME0")]);

        message.Content.Type.ShouldBe(type);
        message.Content.Media!.Voice.ShouldBe(voice);
        message.Content.Text.ShouldBeNull();
    }

    [Fact]
    public void Location_UsesLatitudeLongitudeAddressAndLabel()
    {
        // Values from Twilio's webhook-request table.
        var message = Single([.. Incoming(), new("MessageType", "location"), new("Body", ""),
            new("Latitude", "51.51322977399644"), new("Longitude", "-0.2197976373036567"),
            new("Address", "187 Freston Road, London, Greater London W10 6TH"), new("Label", "The Harrow Club")]);

        message.Content.Type.ShouldBe(MessageTypes.Location);
        message.Content.Location!.Latitude.ShouldBe(51.51322977399644);
        message.Content.Location.Longitude.ShouldBe(-0.2197976373036567);
        message.Content.Location.Address.ShouldBe("187 Freston Road, London, Greater London W10 6TH");
        message.Content.Location.Name.ShouldBe("The Harrow Club");
    }

    [Fact]
    public void ButtonReply_BecomesAReplyWithThePayloadAsId()
    {
        var message = Single([.. Incoming(), new("MessageType", "button"), new("Body", "Cancel Appointment"),
            new("ButtonPayload", "postback_data_1234"), new("ButtonText", "Cancel Appointment"), new("ButtonType", "REPLY")]);

        message.Content.Type.ShouldBe(MessageTypes.Interactive);
        message.Content.Reply!.Id.ShouldBe("postback_data_1234");
        message.Content.Reply.Title.ShouldBe("Cancel Appointment");
        message.Content.Reply.Kind.ShouldBe("button_reply");
    }

    [Fact]
    public void ButtonText_WithoutPayload_UsesTheTextAsId()
    {
        var message = Single([.. Incoming(), new("Body", "Yes"), new("ButtonText", "Yes")]);

        message.Content.Reply!.Id.ShouldBe("Yes");
    }

    [Fact]
    public void ListReply_BecomesAListReply()
    {
        var message = Single([.. Incoming(), new("MessageType", "interactive"), new("Body", "Denver"),
            new("ListId", "dest_den"), new("ListTitle", "Denver"), new("ListDescription", "Mile high")]);

        message.Content.Type.ShouldBe(MessageTypes.Interactive);
        message.Content.Reply!.Id.ShouldBe("dest_den");
        message.Content.Reply.Title.ShouldBe("Denver");
        message.Content.Reply.Description.ShouldBe("Mile high");
        message.Content.Reply.Kind.ShouldBe("list_reply");
    }

    [Fact]
    public void InteractiveData_IsKeptAsJsonInExtra()
    {
        var data = TwilioPayloads.Read("interactive-data.example.json");

        var message = Single([.. Incoming(), new("MessageType", "interactive"), new("Body", "Sent"), new("InteractiveData", data)]);

        message.Content.Type.ShouldBe(MessageTypes.Interactive);
        message.Content.Reply.ShouldBeNull();
        var extra = message.Content.Extra!.Value;
        extra.GetProperty("interactiveData").GetProperty("flowResponse").GetProperty("flow_token").GetString().ShouldBe("abcd1234");
        extra.GetProperty("messageType").GetString().ShouldBe("interactive");
    }

    [Fact]
    public void FlowData_ThatIsNotJson_IsKeptAsText()
    {
        var message = Single([.. Incoming(), new("Body", ""), new("FlowData", "not json")]);

        message.Content.Extra!.Value.GetProperty("flowData").GetString().ShouldBe("not json");
    }

    [Fact]
    public void ReplyContext_ForwardedAndReferral_AreMapped()
    {
        var message = Single([.. TwilioForms.Text("SM1", Ana, "about this"),
            new("OriginalRepliedMessageSender", "whatsapp:+14155238886"), new("OriginalRepliedMessageSid", "SM99999999999999999999999999999999"),
            new("Forwarded", "true"), new("FrequentlyForwarded", "true"),
            new("ReferralBody", "Spring sale"), new("ReferralHeadline", "50% off"), new("ReferralSourceId", "ad-1"),
            new("ReferralSourceType", "ad"), new("ReferralSourceUrl", "https://fb.me/abc"), new("ReferralCtwaClid", "ARAkLkA")]);

        message.Content.ContextMessageId.ShouldBe("SM99999999999999999999999999999999");
        message.Content.Forwarded.ShouldBeTrue();
        message.Content.FrequentlyForwarded.ShouldBeTrue();
        message.Content.Referral.ShouldBe(new ReferralInfo
        {
            Body = "Spring sale", Headline = "50% off", SourceId = "ad-1", SourceType = "ad", SourceUrl = "https://fb.me/abc", CtwaClid = "ARAkLkA",
        });
    }

    [Fact]
    public void PlainText_HasNoReferralOrContext()
    {
        var content = Single(TwilioForms.Text("SM1", Ana, "hi")).Content;

        content.Referral.ShouldBeNull();
        content.ContextMessageId.ShouldBeNull();
        content.Forwarded.ShouldBeFalse();
    }

    [Fact]
    public void UnknownKind_IsStoredAsUnknownWithEveryField()
    {
        var message = Single([.. Incoming(), new("MessageType", "poll"), new("Body", ""), new("PollData", "{}")]);

        message.Content.Type.ShouldBe(MessageTypes.Unknown);
        message.Content.Extra!.Value.GetProperty("MessageType").GetString().ShouldBe("poll");
        message.Content.Extra.Value.GetProperty("PollData").GetString().ShouldBe("{}");
    }

    [Theory]
    [InlineData("sent", MessageStatus.Sent)]
    [InlineData("delivered", MessageStatus.Delivered)]
    [InlineData("read", MessageStatus.Read)]
    [InlineData("DELIVERED", MessageStatus.Delivered)]
    public void StatusCallback_BecomesAStatusUpdate(string status, MessageStatus expected)
    {
        var batch = Parse(TwilioForms.Status("SM22222222222222222222222222222222", status, Ana));

        batch.Messages.ShouldBeEmpty();
        var update = batch.Statuses.ShouldHaveSingleItem();
        update.ProviderMessageId.ShouldBe("SM22222222222222222222222222222222");
        update.Status.ShouldBe(expected);
        update.RecipientId.ShouldBe($"whatsapp:{Ana}");
        update.ErrorCode.ShouldBeNull();
        update.Raw!.ShouldContain("ChannelInstallSid");
    }

    [Fact]
    public void ReadEvent_CountsAsRead()
    {
        var form = TwilioForms.Status("SM2", "delivered", Ana).Append(new("EventType", "READ"));

        Parse(form).Statuses.ShouldHaveSingleItem().Status.ShouldBe(MessageStatus.Read);
    }

    [Fact]
    public void Failed63016_CarriesTheCodeAndAReason()
    {
        var update = Parse(TwilioForms.Status("SM2", "failed", Ana, "63016", "Failed to send freeform message because you are outside the allowed window."))
            .Statuses.ShouldHaveSingleItem();

        update.Status.ShouldBe(MessageStatus.Failed);
        update.ErrorCode.ShouldBe("63016");
        update.ErrorReason!.ShouldContain("24-hour");
        update.ErrorReason!.ShouldContain("63016");
    }

    [Fact]
    public void Undelivered_IsAFailureWithTwiliosMessage()
    {
        var update = Parse(TwilioForms.Status("SM2", "undelivered", Ana, "30008", "Unknown error")).Statuses.ShouldHaveSingleItem();

        update.Status.ShouldBe(MessageStatus.Failed);
        update.ErrorCode.ShouldBe("30008");
        update.ErrorReason.ShouldBe("undelivered: Unknown error [Twilio 30008]");
    }

    [Fact]
    public void Failed_WithoutCode_StillSaysSo()
    {
        var update = Parse(TwilioForms.Status("SM2", "failed", Ana)).Statuses.ShouldHaveSingleItem();

        update.ErrorCode.ShouldBe("failed");
        update.ErrorReason.ShouldBe("failed: Twilio reported no reason.");
    }

    [Fact]
    public void ChannelStatusMessage_IsUsedWhenThereIsNoErrorMessage()
    {
        var form = TwilioForms.Status("SM2", "failed", Ana, "63024").Append(new("ChannelStatusMessage", "Invalid recipient"));

        Parse(form).Statuses.ShouldHaveSingleItem().ErrorReason.ShouldBe("failed: Invalid recipient [Twilio 63024]");
    }

    [Theory]
    [InlineData("queued")]
    [InlineData("sending")]
    [InlineData("accepted")]
    [InlineData("scheduled")]
    public void EarlyStatuses_AreRecordedAsEventsOnly(string status)
    {
        var batch = Parse(TwilioForms.Status("SM2", status, Ana));

        batch.Statuses.ShouldBeEmpty();
        batch.Messages.ShouldBeEmpty();
        batch.OtherEvents.ShouldBe([$"twilio:status:{status}"]);
    }

    [Fact]
    public void ReceivedStatus_WithBody_IsAnIncomingMessage()
    {
        // Inbound messages carry SmsStatus=received: that must never be read as a status callback.
        TwilioWebhookParser.IsStatusCallback(TwilioForm.Parse("MessageSid=SM1&SmsStatus=received&Body=hi&NumMedia=0")).ShouldBeFalse();
    }

    [Fact]
    public void OutboundStatus_WithABody_IsStillACallback()
    {
        // Twilio adds fields without notice; a delivered callback that starts carrying Body stays a callback.
        TwilioWebhookParser.IsStatusCallback(TwilioForm.Parse("MessageSid=SM1&MessageStatus=delivered&SmsStatus=delivered&Body=hi")).ShouldBeTrue();
    }

    [Fact]
    public void UnknownStatus_WithoutContent_IsACallbackEvent()
    {
        var batch = Parse([new("MessageSid", "SM2"), new("MessageStatus", "delivered_to_handset"), new("To", "whatsapp:+1555")]);

        batch.Messages.ShouldBeEmpty();
        batch.OtherEvents.ShouldBe(["twilio:status:delivered_to_handset"]);
    }

    [Fact]
    public void UnknownStatus_WithABody_IsAMessage()
    {
        var batch = Parse([.. TwilioForms.Text("SM3", Ana, "hi").Where(f => f.Key != "SmsStatus"), new("SmsStatus", "something_new")]);

        batch.Messages.ShouldHaveSingleItem().Content.Text.ShouldBe("hi");
    }

    [Fact]
    public void NoStatus_IsAnIncomingMessage()
    {
        var batch = Parse(TwilioForms.Text("SM3", Ana, "hi").Where(f => f.Key != "SmsStatus"));

        batch.Messages.ShouldHaveSingleItem();
    }

    [Fact]
    public void NoMessageSid_IsAnEventNotAMessage()
    {
        var batch = Parse([new("AccountSid", "AC1"), new("Body", "hi")]);

        batch.Messages.ShouldBeEmpty();
        batch.Statuses.ShouldBeEmpty();
        batch.OtherEvents.ShouldBe(["twilio:no-message-sid"]);
    }

    [Fact]
    public void RawBody_IsTheFormAsReceived()
    {
        const string body = "MessageSid=SM1&Body=hi+there&From=whatsapp%3A%2B14017122661";

        var batch = TwilioWebhookParser.Parse("tw1", TwilioForm.Parse(body), body, null, Now);

        batch.RawBody.ShouldBe(body);
        batch.Messages.ShouldHaveSingleItem().Content.Text.ShouldBe("hi there");
    }
}
