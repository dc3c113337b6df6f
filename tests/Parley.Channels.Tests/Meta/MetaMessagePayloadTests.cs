using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Channels.Meta;
using Parley.Core.Messaging;
using Parley.Testing.Fakes;
using Parley.Testing.Payloads;

namespace Parley.Channels.Tests.Meta;

/// <summary>Every send-*.json request example of Meta's spec, produced from the equivalent normalized message.</summary>
public sealed class MetaMessagePayloadTests
{
    private const string To = "{{Recipient-Phone-Number}}";

    /// <summary>The body component of the template examples: a text, a currency and a date_time parameter.</summary>
    private static readonly JsonElement TypedBody = JsonSerializer.SerializeToElement(new
    {
        components = new[] { JsonNode.Parse(MetaWebhooks.Sample("send-template-text-params.json"))!["template"]!["components"]![0] },
    });

    public static TheoryData<string, string, MessageContent> Examples() => new()
    {
        { "send-text.json", To, MessageContent.FromText("text-message-content") },
        { "send-text-preview-url.json", To, new MessageContent { Type = MessageTypes.Text, Text = "Please visit https://youtu.be/hpltvTEiRrY.", PreviewUrl = true } },
        { "send-text-reply-context.json", To, MessageContent.FromText("<TEXT_MSG_CONTENT>") with { ContextMessageId = "<MSGID_OF_PREV_MSG>" } },
        { "send-image-by-id.json", To, new MessageContent { Type = MessageTypes.Image, Media = new MediaInfo { Id = "<IMAGE_OBJECT_ID>" } } },
        { "send-image-by-url.json", To, new MessageContent { Type = MessageTypes.Image, Media = new MediaInfo { Url = "http(s)://image-url" } } },
        {
            "send-document-by-id.json", To,
            new MessageContent { Type = MessageTypes.Document, Text = "<DOCUMENT_CAPTION_TO_SEND>", Media = new MediaInfo { Id = "<DOCUMENT_OBJECT_ID>", FileName = "<DOCUMENT_FILENAME>" } }
        },
        { "send-document-by-url.json", To, new MessageContent { Type = MessageTypes.Document, Text = "<DOCUMENT-CAPTION-TEXT>", Media = new MediaInfo { Url = "<http(s)://document-url>" } } },
        { "send-audio-by-id.json", To, new MessageContent { Type = MessageTypes.Audio, Media = new MediaInfo { Id = "<AUDIO_OBJECT_ID>" } } },
        { "send-video-by-url.json", To, new MessageContent { Type = MessageTypes.Video, Text = "<VIDEO_CAPTION_TEXT>", Media = new MediaInfo { Url = "<http(s)://video-url>" } } },
        { "send-sticker-by-id.json", To, new MessageContent { Type = MessageTypes.Sticker, Media = new MediaInfo { Id = "<MEDIA_OBJECT_ID>" } } },
        {
            "send-location.json", To,
            new MessageContent { Type = MessageTypes.Location, Location = new LocationInfo(37.758056, -122.425332) { Name = "META HQ", Address = "1 Hacker Way, Menlo Park, CA 94025" } }
        },
        { "send-reaction.json", To, new MessageContent { Type = MessageTypes.Reaction, Reaction = new ReactionInfo("wamid.HBgLM...", "😀") } },
        {
            "send-interactive-reply-buttons.json", To,
            new MessageContent
            {
                Type = MessageTypes.Interactive,
                Text = "<BUTTON_TEXT>",
                Interactive = new InteractiveContent
                {
                    Kind = InteractiveContent.ButtonKind,
                    Buttons = [new ReplyButton("<UNIQUE_BUTTON_ID_1>", "<BUTTON_TITLE_1>"), new ReplyButton("<UNIQUE_BUTTON_ID_2>", "<BUTTON_TITLE_2>")],
                },
            }
        },
        {
            "send-interactive-list.json", To,
            new MessageContent
            {
                Type = MessageTypes.Interactive,
                Text = "<BODY_TEXT>",
                Interactive = new InteractiveContent
                {
                    Kind = InteractiveContent.ListKind,
                    Header = "<HEADER_TEXT>",
                    Footer = "<FOOTER_TEXT>",
                    ListButton = "<BUTTON_TEXT>",
                    Sections =
                    [
                        new ListSection("<LIST_SECTION_1_TITLE>", [
                            new ListRow("<LIST_SECTION_1_ROW_1_ID>", "<SECTION_1_ROW_1_TITLE>") { Description = "<SECTION_1_ROW_1_DESC>" },
                            new ListRow("<LIST_SECTION_1_ROW_2_ID>", "<SECTION_1_ROW_2_TITLE>") { Description = "<SECTION_1_ROW_2_DESC>" },
                        ]),
                        new ListSection("<LIST_SECTION_2_TITLE>", [
                            new ListRow("<LIST_SECTION_2_ROW_1_ID>", "<SECTION_2_ROW_1_TITLE>") { Description = "<SECTION_2_ROW_1_DESC>" },
                            new ListRow("<LIST_SECTION_2_ROW_2_ID>", "<SECTION_2_ROW_2_TITLE>") { Description = "<SECTION_2_ROW_2_DESC>" },
                        ]),
                    ],
                },
            }
        },
        { "send-template-hello-world.json", To, new MessageContent { Type = MessageTypes.Template, Template = new TemplateContent("hello_world", "en_US") } },
        {
            "send-template-text-params.json", To,
            new MessageContent { Type = MessageTypes.Template, Template = new TemplateContent("template-name", "language-and-locale-code"), Extra = TypedBody }
        },
        {
            "send-template-currency-datetime-params.json", "16315555555",
            new MessageContent { Type = MessageTypes.Template, Template = new TemplateContent("template-name", "language-and-locale-code"), Extra = TypedBody }
        },
        {
            "send-template-media-header.json", To,
            new MessageContent
            {
                Type = MessageTypes.Template,
                Template = new TemplateContent("template-name", "language-and-locale-code") { HeaderMedia = new MediaInfo { Url = "http(s)://the-image-url", MimeType = "image/jpeg" } },
                Extra = TypedBody,
            }
        },
        {
            "send-template-quick-reply-buttons.json", To,
            new MessageContent
            {
                Type = MessageTypes.Template,
                Template = new TemplateContent("template-name", "language-and-locale-code")
                {
                    HeaderMedia = new MediaInfo { Url = "http(s)://the-image-url", MimeType = "image/jpeg" },
                    Buttons = [new TemplateButtonParameter(0, "quick_reply", "aGlzIHRoaXMgaXMgY29v"), new TemplateButtonParameter(1, "quick_reply", "9rwnB8RbYmPF5t2Mn09x4h")],
                },
                Extra = TypedBody,
            }
        },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Build_ProducesMetasExample(string sample, string to, MessageContent content)
    {
        var expected = WithDocumentedDefaults(JsonNode.Parse(MetaWebhooks.Sample(sample))!);

        var actual = JsonNode.Parse(MetaMessagePayload.Build(to, content));

        JsonNode.DeepEquals(actual, expected).ShouldBeTrue($"expected {expected.ToJsonString()}\n but got {actual!.ToJsonString()}");
    }

    /// <summary>Guards against a new send sample being added without being compared here.</summary>
    [Fact]
    public void EverySendSample_IsCompared()
    {
        var compared = Examples().Select(row => (string)row[0]).Order();

        Samples.Names("Meta/send-").Select(n => n["Meta/".Length..]).Where(n => n != "send-response.json").Order().ShouldBe(compared);
    }

    [Fact]
    public void MarkRead_ProducesMetasExample()
    {
        var expected = JsonNode.Parse(MetaWebhooks.Sample("mark-read-with-typing-indicator.json"));

        var actual = JsonNode.Parse(MetaMessagePayload.MarkRead("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUYzMjEzNDM2RTZGQ0MzMDJBRgA=", showTyping: true));

        JsonNode.DeepEquals(actual, expected).ShouldBeTrue(actual!.ToJsonString());
    }

    [Fact]
    public void MarkRead_WithoutTyping_IsThePlainReadReceipt() =>
        JsonNode.Parse(MetaMessagePayload.MarkRead("wamid.X", showTyping: false))!.AsObject().ContainsKey("typing_indicator").ShouldBeFalse();

    [Fact]
    public void Build_TemplateBodyParameters_AreTextParameters()
    {
        var content = new MessageContent
        {
            Type = MessageTypes.Template,
            Template = new TemplateContent("order_update", "es_MX") { HeaderParameters = ["#123"], BodyParameters = ["Ana", "mañana"] },
        };

        var json = JsonNode.Parse(MetaMessagePayload.Build("5215512345678", content))!;

        ShouldBeJson(json["template"]!["components"]!,
            """[{"type":"header","parameters":[{"type":"text","text":"#123"}]},{"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"text","text":"mañana"}]}]""");
    }

    [Fact]
    public void Build_NamedTemplateParameters_CarryTheirNames()
    {
        var content = new MessageContent
        {
            Type = MessageTypes.Template,
            Template = new TemplateContent("reservation_confirmation", "en_US") { BodyParameters = ["4", "Saturday"] },
        };

        var json = JsonNode.Parse(MetaMessagePayload.Build("16505551234", content, ["number_of_guests", "day"]))!;

        ShouldBeJson(json["template"]!["components"]![0]!["parameters"]!,
            """[{"type":"text","parameter_name":"number_of_guests","text":"4"},{"type":"text","parameter_name":"day","text":"Saturday"}]""");
    }

    [Fact]
    public void Build_PositionalTemplateNames_AddNoNames()
    {
        var content = new MessageContent { Type = MessageTypes.Template, Template = new TemplateContent("t", "en") { BodyParameters = ["a"] } };

        var json = JsonNode.Parse(MetaMessagePayload.Build("1", content, ["1"]))!;

        json["template"]!["components"]![0]!["parameters"]![0]!.AsObject().ContainsKey("parameter_name").ShouldBeFalse();
    }

    [Theory]
    [InlineData("url", """{"type":"text","text":"order/123"}""")]
    [InlineData("copy_code", """{"type":"coupon_code","coupon_code":"order/123"}""")]
    [InlineData("flow", """{"type":"action","action":{"flow_token":"order/123"}}""")]
    public void Build_TemplateButtonSubTypes(string subType, string parameter)
    {
        var content = new MessageContent
        {
            Type = MessageTypes.Template,
            Template = new TemplateContent("t", "en") { Buttons = [new TemplateButtonParameter(1, subType, "order/123")] },
        };

        var json = JsonNode.Parse(MetaMessagePayload.Build("1", content))!;

        ShouldBeJson(json["template"]!["components"]![0]!, $$"""{"type":"button","sub_type":"{{subType}}","index":"1","parameters":[{{parameter}}]}""");
    }

    [Fact]
    public void Build_Contacts()
    {
        var content = new MessageContent
        {
            Type = MessageTypes.Contacts,
            Contacts = [new ContactCard { FormattedName = "John Smith", Phones = [new ContactPhone("+1 (650) 555-1234") { Type = "WORK", WaId = "16505551234" }], Emails = ["test@fb.com"], Organization = "WhatsApp" }],
        };

        var json = JsonNode.Parse(MetaMessagePayload.Build("1", content))!;

        ShouldBeJson(json["contacts"]!,
            """[{"name":{"formatted_name":"John Smith","first_name":"John","last_name":"Smith"},"phones":[{"phone":"+1 (650) 555-1234","type":"WORK","wa_id":"16505551234"}],"emails":[{"email":"test@fb.com"}],"org":{"company":"WhatsApp"}}]""");
    }

    [Fact]
    public void Build_RemovedReaction_SendsAnEmptyEmoji() =>
        JsonNode.Parse(MetaMessagePayload.Build("1", new MessageContent { Type = MessageTypes.Reaction, Reaction = new ReactionInfo("wamid.X", null) }))!
            ["reaction"]!["emoji"]!.GetValue<string>().ShouldBe("");

    [Theory]
    [InlineData(MessageTypes.Unknown)]
    [InlineData(MessageTypes.Order)]
    [InlineData(MessageTypes.System)]
    [InlineData(MessageTypes.Button)]
    public void Build_InboundOnlyTypes_AreNotSupported(string type) =>
        Should.Throw<NotSupportedException>(() => MetaMessagePayload.Build("1", new MessageContent { Type = type, Text = "x" }));

    private static void ShouldBeJson(JsonNode? actual, string expected) =>
        JsonNode.DeepEquals(actual, JsonNode.Parse(expected)).ShouldBeTrue($"expected {expected}\n but got {actual?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })}");

    /// <summary>
    /// Two examples leave out fields that have documented defaults (recipient_type "individual"; type "text"):
    /// Parley always writes them, so the comparison fills them in.
    /// </summary>
    private static JsonNode WithDocumentedDefaults(JsonNode sample)
    {
        var o = sample.AsObject();
        o.TryAdd("recipient_type", "individual");
        o.TryAdd("type", "text");
        return o;
    }
}
