using System.Text.Json.Nodes;
using Parley.Channels.Acs;
using Parley.Core.Messaging;
using Parley.Testing.Payloads.Acs;

namespace Parley.Channels.Tests.Acs;

/// <summary>Each send kind compared, as a JSON tree, with the official x-ms-example request body.</summary>
public sealed class AcsMessageMapperTests
{
    private const string Channel = "0f0eb78e-a576-1dfc-b414-0f0756de3338";
    private const string To = "+14250000000";

    /// <summary>
    /// The example's body, with 'to' in the E.164 form Parley sends (the examples write bare digits; ACS accepts both).
    /// </summary>
    private static JsonObject SampleBody(string file)
    {
        var body = JsonNode.Parse(AcsPayloads.Read(file))!["parameters"]!["body"]!.AsObject();
        body["to"] = new JsonArray(To);
        return body;
    }

    private static AcsNotification Map(MessageContent content)
    {
        AcsMessageMapper.TryMap(content, Channel, To, out var notification, out var code, out var reason).ShouldBeTrue($"{code}: {reason}");
        return notification;
    }

    private static void ShouldEqualJson(JsonNode actual, JsonNode expected) =>
        JsonNode.DeepEquals(actual, expected).ShouldBeTrue($"actual:\n{actual.ToJsonString()}\nexpected:\n{expected.ToJsonString()}");

    [Fact]
    public void Text_MatchesTheOfficialExample()
    {
        var n = Map(MessageContent.FromText("Text message through CPM"));

        ShouldEqualJson(n.Body, SampleBody("send-text.x-ms-example.2024-08-30.json"));
        n.ApiVersion.ShouldBe("2024-08-30");
    }

    [Fact]
    public void Image_MatchesTheOfficialExample()
    {
        var n = Map(new MessageContent { Type = MessageTypes.Image, Text = "check out this image!", Media = new MediaInfo { Url = "https://example.com/image.jpg" } });

        ShouldEqualJson(n.Body, SampleBody("send-image.x-ms-example.2024-11-15.json"));
        n.ApiVersion.ShouldBe("2024-08-30");
    }

    [Fact]
    public void Document_MatchesTheOfficialExample()
    {
        var n = Map(new MessageContent
        {
            Type = MessageTypes.Document,
            Text = "check out this document!",
            Media = new MediaInfo { Url = "https://example.com/document.pdf", FileName = "fileName.pdf", MimeType = "application/pdf" },
        });

        ShouldEqualJson(n.Body, SampleBody("send-document.x-ms-example.2024-11-15.json"));
    }

    [Fact]
    public void InteractiveButtons_MatchTheOfficialExample()
    {
        var n = Map(new MessageContent
        {
            Type = MessageTypes.Interactive,
            Text = "Test Body",
            Interactive = new InteractiveContent
            {
                Kind = InteractiveContent.ButtonKind,
                Header = "Test Header",
                Footer = "Test Footer",
                Buttons = [new ReplyButton("cancel", "Cancel"), new ReplyButton("agree", "Agree")],
            },
        });

        var expected = SampleBody("send-interactive-button.x-ms-example.2024-11-15.json");
        // The example has a typo, "kind": "button " with a trailing space; the enum value is "button".
        foreach (var action in expected["interactiveMessage"]!["actionBindings"]!["actions"]!.AsArray())
        {
            action!["kind"] = action["kind"]!.GetValue<string>().Trim();
        }

        ShouldEqualJson(n.Body, expected);
        n.ApiVersion.ShouldBe("2024-11-15");
    }

    [Fact]
    public void InteractiveList_MatchesTheOfficialExample()
    {
        var n = Map(new MessageContent
        {
            Type = MessageTypes.Interactive,
            Text = "Which shipping option do you prefer?",
            Interactive = new InteractiveContent
            {
                Kind = InteractiveContent.ListKind,
                Header = "Choose Shipping Option",
                Footer = "Lucky Shrub: Your gateway to succulents",
                ListButton = "Shipping Options",
                Sections =
                [
                    new ListSection("I want it ASAP!",
                    [
                        new ListRow("priority_express", "Priority Mail Express") { Description = "Next Day to 2 Days" },
                        new ListRow("priority_mail", "Priority Mail") { Description = "1–3 Days" },
                    ]),
                    new ListSection("I can wait a bit",
                    [
                        new ListRow("usps_ground_advantage", "USPS Ground Advantage") { Description = "2–5 Days" },
                        new ListRow("media_mail", "Media Mail") { Description = "2–8 Days" },
                    ]),
                ],
            },
        });

        ShouldEqualJson(n.Body, SampleBody("send-interactive-list.x-ms-example.2024-11-15.json"));
        n.ApiVersion.ShouldBe("2024-11-15");
    }

    [Fact]
    public void Reaction_MatchesTheOfficialExample()
    {
        var n = Map(new MessageContent { Type = MessageTypes.Reaction, Reaction = new ReactionInfo("e6265c04-c570-43fd-8be1-74aed7750455", "😀") });

        ShouldEqualJson(n.Body, SampleBody("send-reaction.x-ms-example.2024-11-15.json"));
        n.ApiVersion.ShouldBe("2024-11-15");
    }

    [Fact]
    public void Template_MatchesTheOfficialExample_WithPositionalValueNames()
    {
        var n = Map(new MessageContent { Type = MessageTypes.Template, Template = new TemplateContent("example", "en") { BodyParameters = ["John Doe", "12345"] } });

        // Parley's parameters are positional, so its value names are body1, body2 where the example chose userName, orderNumber.
        var expected = SampleBody("send-template.x-ms-example.2024-08-30-preview.json").ToJsonString()
            .Replace("\"userName\"", "\"body1\"", StringComparison.Ordinal).Replace("\"orderNumber\"", "\"body2\"", StringComparison.Ordinal);
        ShouldEqualJson(n.Body, JsonNode.Parse(expected)!);
        n.ApiVersion.ShouldBe("2024-08-30");
    }

    [Fact]
    public void Template_WithHeaderMediaAndButtons_BindsEveryValue()
    {
        var n = Map(new MessageContent
        {
            Type = MessageTypes.Template,
            Template = new TemplateContent("order_update", "es_MX")
            {
                HeaderMedia = new MediaInfo { Url = "https://example.com/p.jpg", MimeType = "image/jpeg" },
                BodyParameters = ["Ana"],
                Buttons = [new TemplateButtonParameter(1, "url", "track/123"), new TemplateButtonParameter(0, "quick_reply", "STOP")],
            },
        });

        var template = n.Body["template"]!;
        template["values"]!.AsArray().Select(v => $"{v!["name"]}:{v["kind"]}").ShouldBe(["headerMedia:image", "body1:text", "button0:quickAction", "button1:text"]);
        template["bindings"]!["header"]![0]!["refValue"]!.GetValue<string>().ShouldBe("headerMedia");
        template["bindings"]!["buttons"]!.AsArray().Select(b => $"{b!["subType"]}:{b["refValue"]}").ShouldBe(["quickReply:button0", "url:button1"]);
    }

    [Fact]
    public void Template_WithoutParameters_HasNoValuesOrBindings()
    {
        var n = Map(new MessageContent { Type = MessageTypes.Template, Template = new TemplateContent("hello_world", "en_US") });

        ShouldEqualJson(n.Body["template"]!, JsonNode.Parse("""{"name":"hello_world","language":"en_US"}""")!);
    }

    [Theory]
    [InlineData(MessageTypes.Video, "caption", "2024-08-30")]
    [InlineData(MessageTypes.Audio, null, "2024-08-30")]
    [InlineData(MessageTypes.Sticker, null, "2024-11-15")]
    public void OtherMedia_HaveTheirKindAndMediaUri(string type, string? captionField, string version)
    {
        var n = Map(new MessageContent { Type = type, Text = "words", Media = new MediaInfo { Url = "https://example.com/m" } });

        n.Body["kind"]!.GetValue<string>().ShouldBe(type);
        n.Body["mediaUri"]!.GetValue<string>().ShouldBe("https://example.com/m");
        (n.Body["caption"] is not null).ShouldBe(captionField is not null); // audio and stickers carry no caption on WhatsApp
        n.ApiVersion.ShouldBe(version);
    }

    [Theory]
    [InlineData(MessageTypes.Location, "location")]
    [InlineData(MessageTypes.Contacts, "contact")]
    [InlineData(MessageTypes.Order, "order")]
    public void WhatAcsCannotSend_IsRefusedNamingTheLimitation(string type, string named)
    {
        var content = new MessageContent { Type = type, Location = new LocationInfo(19.43, -99.13) };

        AcsMessageMapper.TryMap(content, Channel, To, out _, out var code, out var reason).ShouldBeFalse();

        code.ShouldBe(AcsMessageMapper.Unsupported);
        reason.ShouldContain(named);
        reason.ShouldContain("ACS");
    }

    [Fact]
    public void MediaWithoutAPublicUrl_IsRefused()
    {
        var content = new MessageContent { Type = MessageTypes.Image, Media = new MediaInfo { StoredId = "abc", MimeType = "image/png" } };

        AcsMessageMapper.TryMap(content, Channel, To, out _, out var code, out var reason).ShouldBeFalse();

        code.ShouldBe(AcsMessageMapper.Unsupported);
        reason.ShouldContain("mediaUri");
    }

    [Fact]
    public void InteractiveWithoutBody_IsInvalid()
    {
        var content = new MessageContent { Type = MessageTypes.Interactive, Interactive = new InteractiveContent { Kind = "button", Buttons = [new ReplyButton("a", "A")] } };

        AcsMessageMapper.TryMap(content, Channel, To, out _, out var code, out _).ShouldBeFalse();

        code.ShouldBe(AcsMessageMapper.Invalid);
    }
}
