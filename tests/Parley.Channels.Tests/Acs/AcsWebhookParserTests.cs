using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Channels.Acs;
using Parley.Core.Messaging;
using Parley.Testing.Payloads.Acs;

namespace Parley.Channels.Tests.Acs;

/// <summary>Every official ACS event sample, in both delivery schemas, through <see cref="AcsWebhookParser"/>.</summary>
public sealed class AcsWebhookParserTests
{
    private const string ZeroId = "00000000-0000-0000-0000-000000000000";
    private static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static AcsWebhookParseResult Parse(string json, string? channel = null, string? contentType = "application/json") =>
        AcsWebhookParser.Parse("acs1", Encoding.UTF8.GetBytes(json), contentType, channel, Now);

    private static AcsWebhookParseResult ParseFile(string file, string? channel = null) => Parse(AcsPayloads.Read(file), channel);

    private static InboundMessage SingleMessage(string file)
    {
        var result = ParseFile(file);
        result.Batch.Statuses.ShouldBeEmpty();
        result.Batch.OtherEvents.ShouldBeEmpty();
        return result.Batch.Messages.ShouldHaveSingleItem();
    }

    public static TheoryData<string> EventSamples()
    {
        var data = new TheoryData<string>();
        foreach (var file in AcsPayloads.All().Where(f => f.StartsWith("docs-", StringComparison.Ordinal) || f.StartsWith("advanced-message-", StringComparison.Ordinal) || f == "eventgrid-subscription-validation-event.json"))
        {
            data.Add(file);
        }

        return data;
    }

    [Fact]
    public void EventSamples_AreAllThere()
    {
        // 8 docs received + 2 docs statuses + 4 spec examples + the validation event.
        EventSamples().Count.ShouldBe(15);
    }

    [Theory, MemberData(nameof(EventSamples))]
    public void Parse_EveryOfficialEventSample_YieldsOneMessageStatusOrValidation(string file)
    {
        var result = ParseFile(file);

        (result.Batch.Messages.Count + result.Batch.Statuses.Count + (result.ValidationCode is null ? 0 : 1)).ShouldBe(1);
        result.Batch.Provider.ShouldBe("acs");
        result.Batch.AccountId.ShouldBe("acs1");
        result.Batch.RawBody.ShouldBe(AcsPayloads.Read(file));
        foreach (var raw in result.Batch.Messages.Select(m => m.Raw).Concat(result.Batch.Statuses.Select(s => s.Raw)))
        {
            JsonNode.Parse(raw!)!["data"].ShouldNotBeNull();
        }
    }

    [Fact]
    public void Parse_DocsText_IsTextWithTheEventIdAndTheSenderKeptAsWritten()
    {
        var m = SingleMessage("docs-received-text.eventgrid.json");

        m.Content.Type.ShouldBe(MessageTypes.Text);
        m.Content.Text.ShouldBe("Hello");
        m.ProviderMessageId.ShouldBe(ZeroId); // no data.messageId in the Event Grid examples: the event id
        m.From.WaId.ShouldBe("{sender@id}"); // a placeholder, not a number: kept, not dropped
        m.From.Phone.ShouldBeNull();
        m.Timestamp.ShouldBe(DateTimeOffset.Parse("2023-07-06T18:30:19+00:00", System.Globalization.CultureInfo.InvariantCulture));
        m.Raw!.ShouldContain("\"Hello\"");
    }

    [Fact]
    public void Parse_DocsImage_IsImageWithMediaIdMimeAndCaption()
    {
        var m = SingleMessage("docs-received-image.eventgrid.json");

        m.Content.Type.ShouldBe(MessageTypes.Image);
        m.Content.Text.ShouldBe("This is a media caption");
        m.Content.Media!.Id.ShouldBe(ZeroId);
        m.Content.Media.MimeType.ShouldBe("image/jpeg");
    }

    [Fact]
    public void Parse_DocsDocument_NotWrappedInAnArray_IsDocumentFromAnE164Sender()
    {
        var m = SingleMessage("docs-received-document.eventgrid.json");

        m.Content.Type.ShouldBe(MessageTypes.Document);
        m.Content.Media!.FileName.ShouldBe("UTSAV Mela 2024  India's Independence Day  Kids Out and About Seattle.pdf");
        m.Content.Media.MimeType.ShouldBe("application/pdf");
        m.Content.Text.ShouldBeNull();
        m.From.WaId.ShouldBe("14254360097"); // ContactKey: the E.164 digits, as every provider's contacts are keyed (issue 19)
        m.From.Phone.ShouldBe("+14254360097");
        m.Timestamp.ShouldBe(DateTimeOffset.Parse("2024-12-24T06:41:56+00:00", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Parse_DocsInteractiveButtonReply_IsTheChosenButtonWithContext()
    {
        var m = SingleMessage("docs-received-interactive-button-reply.eventgrid.json");

        m.Content.Type.ShouldBe(MessageTypes.Interactive);
        m.Content.Reply.ShouldBe(new InteractiveReply("agree", "Agree") { Kind = "button_reply" });
        m.Content.ContextMessageId.ShouldBe("{reply-message-id}");
    }

    [Fact]
    public void Parse_DocsInteractiveListReply_IsTheChosenRowWithDescription()
    {
        var m = SingleMessage("docs-received-interactive-list-reply.eventgrid.json");

        m.Content.Type.ShouldBe(MessageTypes.Interactive);
        m.Content.Reply.ShouldBe(new InteractiveReply("priority_mail", "Priority Mail") { Description = "1–3 Days", Kind = "list_reply" });
        m.Content.ContextMessageId.ShouldBe("{reply-message-id}");
    }

    [Fact]
    public void Parse_DocsSticker_IsStickerMedia()
    {
        var m = SingleMessage("docs-received-sticker.eventgrid.json");

        m.Content.Type.ShouldBe(MessageTypes.Sticker);
        m.Content.Media!.MimeType.ShouldBe("image/webp");
        m.Content.Media.Id.ShouldBe(ZeroId);
    }

    [Fact]
    public void Parse_DocsReaction_IsTheEmojiOnTheMessage()
    {
        var m = SingleMessage("docs-received-reaction.eventgrid.json");

        m.Content.Type.ShouldBe(MessageTypes.Reaction);
        m.Content.Reaction.ShouldBe(new ReactionInfo("{reply-message-id}", "👍"));
    }

    [Fact]
    public void Parse_DocsTemplateButton_IsAQuickReplyWhosePayloadIsTheId()
    {
        var m = SingleMessage("docs-received-template-button.eventgrid.json");

        m.Content.Type.ShouldBe(MessageTypes.Button);
        m.Content.Text.ShouldBe("Yes");
        m.Content.Reply.ShouldBe(new InteractiveReply("Kat said yes", "Yes") { Kind = "quick_reply" });
        m.Content.ContextMessageId.ShouldBe("{reply-message-id}");
    }

    [Theory]
    [InlineData("advanced-message-received.eventgrid-schema.spec-example.json", "4611364c-08fb-4a8a-a8b5-7e40203285d3")]
    [InlineData("advanced-message-received.cloudevents-schema.spec-example.json", "messageId")]
    public void Parse_SpecExampleWithPlaceholderMessageType_IsUnknownAndKeepsEverything(string file, string expectedProviderId)
    {
        var m = SingleMessage(file);

        // data.messageId wins when present (the CloudEvents example has one), else the event id.
        m.ProviderMessageId.ShouldBe(expectedProviderId);
        m.Content.Type.ShouldBe(MessageTypes.Unknown); // messageType is the placeholder "messageType"
        m.Content.Text.ShouldBe("Come on guys, lets go for lunch together.");
        m.Content.ContextMessageId.ShouldBe("messageId");
        m.Content.Extra!.Value.GetProperty("media").GetProperty("id").GetString().ShouldBe("mediaId");
        m.From.WaId.ShouldBe("12375679879");
        m.Timestamp.ShouldBe(DateTimeOffset.Parse("2024-03-22T17:06:11.2610383+00:00", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Parse_DocsStatusSent_IsSentForTheSentMessageId()
    {
        var s = ParseFile("docs-delivery-status-sent.eventgrid.json").Batch.Statuses.ShouldHaveSingleItem();

        s.ProviderMessageId.ShouldBe("22222222-2222-2222-2222-222222222222");
        s.Status.ShouldBe(MessageStatus.Sent);
        s.ErrorCode.ShouldBeNull();
        s.RecipientId.ShouldBe("{receiver@id}");
        s.Timestamp.ShouldBe(DateTimeOffset.Parse("2023-07-06T18:42:28+00:00", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Parse_DocsStatusFailed_CarriesTheChannelErrorCodeAndMessage()
    {
        var s = ParseFile("docs-delivery-status-failed.eventgrid.json").Batch.Statuses.ShouldHaveSingleItem();

        s.Status.ShouldBe(MessageStatus.Failed);
        s.ErrorCode.ShouldBe("131026");
        s.ErrorReason.ShouldBe("Message Undeliverable.");
    }

    [Fact]
    public void Parse_SpecEventGridStatus_LowercaseDelivered_IsDelivered()
    {
        var s = ParseFile("advanced-message-delivery-status-updated.eventgrid-schema.spec-example.json").Batch.Statuses.ShouldHaveSingleItem();

        s.ProviderMessageId.ShouldBe("d59f9468-0a5c-4022-8200-d7bf6fb78bc5"); // data.messageId, not the subject's
        s.Status.ShouldBe(MessageStatus.Delivered);
        s.ErrorCode.ShouldBe("channelCode");
    }

    [Fact]
    public void Parse_SpecCloudEventsStatus_TabIndentedCamelSpecVersion_IsSent()
    {
        var s = ParseFile("advanced-message-delivery-status-updated.cloudevents-schema.spec-example.json").Batch.Statuses.ShouldHaveSingleItem();

        s.ProviderMessageId.ShouldBe("3f870487-d59e-4c01-82dd-46b9d388aa9d");
        s.Status.ShouldBe(MessageStatus.Sent);
        s.RecipientId.ShouldBe("18332407922");
    }

    [Fact]
    public void Parse_ValidationEvent_GivesTheCodeForTheDocumentedAnswer()
    {
        var result = ParseFile("eventgrid-subscription-validation-event.json");

        result.ValidationCode.ShouldBe("512d38b6-c7b8-40c8-89fe-f46f9e9622b6");
        result.Batch.Messages.ShouldBeEmpty();
        result.Batch.OtherEvents.ShouldHaveSingleItem().ShouldStartWith(AcsEventTypes.SubscriptionValidation);
        var answer = JsonSerializer.SerializeToNode(new AcsValidationResponse(result.ValidationCode!), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        JsonNode.DeepEquals(answer, JsonNode.Parse(AcsPayloads.Read("eventgrid-subscription-validation-response.json"))).ShouldBeTrue();
    }

    [Theory]
    [InlineData("Read", MessageStatus.Read)]
    [InlineData("READ", MessageStatus.Read)]
    [InlineData("delivered", MessageStatus.Delivered)]
    [InlineData("Sent", MessageStatus.Sent)]
    [InlineData("failed", MessageStatus.Failed)]
    public void Parse_StatusStrings_AreMatchedInAnyCase(string wire, MessageStatus expected)
    {
        var s = Parse(Status("m-1", wire)).Batch.Statuses.ShouldHaveSingleItem();

        s.Status.ShouldBe(expected);
    }

    [Theory]
    [InlineData("Warning")]
    [InlineData("Unknown")]
    [InlineData("")]
    public void Parse_StatusParleyDoesNotTrack_IsRecordedAsAnOtherEvent(string wire)
    {
        var result = Parse(Status("m-1", wire));

        result.Batch.Statuses.ShouldBeEmpty();
        result.Batch.OtherEvents.ShouldHaveSingleItem().ShouldContain(AcsEventTypes.DeliveryStatusUpdated);
    }

    [Fact]
    public void Parse_UnknownEventType_IsRecordedNotRejected()
    {
        var result = Parse("""[{"id":"e1","eventType":"Microsoft.Communication.AdvancedMessageAnalysisCompleted","data":{},"eventTime":"2024-01-01T00:00:00Z"}]""");

        result.HasContent.ShouldBeTrue();
        result.Batch.OtherEvents.ShouldBe(["Microsoft.Communication.AdvancedMessageAnalysisCompleted e1"]);
    }

    [Fact]
    public void Parse_UnknownMessageType_IsUnknownWithItsData()
    {
        var m = Parse(Received("e1", """{"messageType":"location","location":{"latitude":1.5,"longitude":2.5},"from":"15550001111","to":"x"}""")).Batch.Messages.ShouldHaveSingleItem();

        m.Content.Type.ShouldBe(MessageTypes.Unknown);
        m.Content.Extra!.Value.GetProperty("location").GetProperty("latitude").GetDouble().ShouldBe(1.5);
        m.From.WaId.ShouldBe("15550001111");
    }

    [Fact]
    public void Parse_UnknownInteractiveType_IsUnknownNotDropped()
    {
        var m = Parse(Received("e1", """{"messageType":"interactive","interactive":{"type":"nfmReply"},"from":"15550001111"}""")).Batch.Messages.ShouldHaveSingleItem();

        m.Content.Type.ShouldBe(MessageTypes.Unknown);
    }

    [Theory]
    [InlineData("audio", "audio/ogg; codecs=opus", true)]
    [InlineData("audio", "audio/mpeg", false)]
    [InlineData("video", "video/mp4", false)]
    public void Parse_AudioAndVideo_AreMedia(string kind, string mime, bool voice)
    {
        var m = Parse(Received("e1", $$"""{"messageType":"{{kind}}","media":{"id":"m1","mimeType":"{{mime}}"},"from":"15550001111"}""")).Batch.Messages.ShouldHaveSingleItem();

        m.Content.Type.ShouldBe(kind);
        m.Content.Media!.Id.ShouldBe("m1");
        m.Content.Media.Voice.ShouldBe(voice);
    }

    [Fact]
    public void Parse_CloudEventsBatch_ReadsEveryEvent()
    {
        var json = $"[{CloudEvent("c1", AcsEventTypes.MessageReceived, """{"messageId":"m-in","messageType":"text","content":"hola","from":"15550001111","to":"x"}""")},"
            + $"{CloudEvent("c2", AcsEventTypes.DeliveryStatusUpdated, """{"messageId":"m-out","status":"Read","from":"x","to":"15550001111"}""")}]";

        var result = Parse(json, contentType: "application/cloudevents-batch+json; charset=utf-8");

        result.Batch.Messages.ShouldHaveSingleItem().ProviderMessageId.ShouldBe("m-in");
        result.Batch.Statuses.ShouldHaveSingleItem().Status.ShouldBe(MessageStatus.Read);
        result.Batch.ContentType.ShouldBe("application/cloudevents-batch+json; charset=utf-8");
    }

    [Fact]
    public void Parse_CloudEventWithBase64Data_IsRead()
    {
        var data = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"messageType":"text","content":"hola","from":"15550001111"}"""));
        var json = $$"""{"specversion":"1.0","id":"c1","source":"/x","type":"{{AcsEventTypes.MessageReceived}}","time":"2024-01-01T00:00:00Z","data_base64":"{{data}}"}""";

        Parse(json).Batch.Messages.ShouldHaveSingleItem().Content.Text.ShouldBe("hola");
    }

    [Fact]
    public void Parse_EventsForAnotherChannelRegistration_AreNotThisAccounts()
    {
        var mine = Guid.NewGuid().ToString();
        var json = $"[{EventGrid("e1", AcsEventTypes.MessageReceived, $$"""{"messageType":"text","content":"hi","from":"15550001111","to":"{{Guid.NewGuid()}}"}""")},"
            + $"{EventGrid("e2", AcsEventTypes.DeliveryStatusUpdated, $$"""{"messageId":"m","status":"Read","from":"{{Guid.NewGuid()}}","to":"15550001111"}""")},"
            + $"{EventGrid("e3", AcsEventTypes.MessageReceived, $$"""{"messageType":"text","content":"mine","from":"15550001111","to":"{{mine.ToUpperInvariant()}}"}""")}]";

        var result = Parse(json, channel: mine);

        result.Batch.Messages.ShouldHaveSingleItem().Content.Text.ShouldBe("mine");
        result.Batch.Statuses.ShouldBeEmpty();
        result.Batch.OtherEvents.Count.ShouldBe(2);
    }

    [Fact]
    public void Parse_ReceivedWithoutSender_IsRecordedNotStoredAsAMessage()
    {
        var result = Parse(Received("e1", """{"messageType":"text","content":"who?"}"""));

        result.Batch.Messages.ShouldBeEmpty();
        result.Batch.OtherEvents.ShouldHaveSingleItem().ShouldContain("no sender");
    }

    [Fact]
    public void Parse_StatusWithoutMessageId_TakesItFromTheSubject()
    {
        var json = """[{"id":"e1","subject":"advancedMessage/abc-123/status/Delivered","eventType":"Microsoft.Communication.AdvancedMessageDeliveryStatusUpdated","data":{"status":"Delivered"},"eventTime":"2024-01-01T00:00:00Z"}]""";

        Parse(json).Batch.Statuses.ShouldHaveSingleItem().ProviderMessageId.ShouldBe("abc-123");
    }

    [Fact]
    public void Parse_EmptyArray_HasNothingToStore()
    {
        var result = Parse("[]");

        result.HasContent.ShouldBeFalse();
        result.ValidationCode.ShouldBeNull();
    }

    [Theory]
    [InlineData("{\"id\": ")]
    [InlineData("not json")]
    [InlineData("42")]
    [InlineData("[1, 2]")]
    [InlineData("{\"hello\": \"world\"}")]
    public void Parse_NotEvents_Throws400Reason(string body)
    {
        Should.Throw<AcsWebhookFormatException>(() => Parse(body)).Message.ShouldNotBeNullOrWhiteSpace();
    }

    private static string Received(string id, string data) => $"[{EventGrid(id, AcsEventTypes.MessageReceived, data)}]";

    private static string Status(string messageId, string status) =>
        $"[{EventGrid("s-" + messageId + status, AcsEventTypes.DeliveryStatusUpdated, $$"""{"messageId":"{{messageId}}","status":"{{status}}","channelType":"whatsapp","from":"x","to":"15550001111","receivedTimestamp":"2024-01-01T00:00:00+00:00"}""")}]";

    private static string EventGrid(string id, string type, string data) =>
        $$"""{"id":"{{id}}","topic":"/t","subject":"s","data":{{data}},"eventType":"{{type}}","dataVersion":"1.0","metadataVersion":"1","eventTime":"2024-01-01T00:00:00Z"}""";

    private static string CloudEvent(string id, string type, string data) =>
        $$"""{"id":"{{id}}","source":"/t","subject":"s","data":{{data}},"type":"{{type}}","specversion":"1.0","time":"2024-01-01T00:00:00Z"}""";
}
