using Parley.Core.Messaging;
using Parley.Core.Outbound.Validation;

namespace Parley.Core.Tests.Outbound;

/// <summary>Each of WhatsApp's limits, at the limit (accepted) and one past it (refused with a sentence naming the limit).</summary>
public sealed class OutboundValidatorTests
{
    private static MessageContent Buttons(params ReplyButton[] buttons) => new()
    {
        Type = MessageTypes.Interactive,
        Text = "Pick one",
        Interactive = new InteractiveContent { Kind = InteractiveContent.ButtonKind, Buttons = buttons },
    };

    private static MessageContent List(string button = "Options", string? header = null, string? footer = null, string body = "Pick one", params ListSection[] sections) => new()
    {
        Type = MessageTypes.Interactive,
        Text = body,
        Interactive = new InteractiveContent { Kind = InteractiveContent.ListKind, ListButton = button, Header = header, Footer = footer, Sections = sections },
    };

    private static ListSection Section(string? title, int rows, string prefix = "r") =>
        new(title, Enumerable.Range(0, rows).Select(i => new ListRow($"{prefix}{i}", $"Row {i}")).ToList());

    private static MessageContent Template(TemplateContent template) => new() { Type = MessageTypes.Template, Template = template };

    private static MessageContent Media(string type, MediaInfo media, string? caption = null) => new() { Type = type, Media = media, Text = caption };

    private static ValidationError SingleError(MessageContent content, int maxTextLength = OutboundLimits.TextMaxLength) =>
        OutboundValidator.Validate(content, maxTextLength).ShouldHaveSingleItem();

    private static void Valid(MessageContent content) => OutboundValidator.Validate(content).ShouldBeEmpty();

    // --- text ---

    [Fact]
    public void Text_AtTheLimit_IsValid() => Valid(MessageContent.FromText(new string('a', 4096)));

    [Fact]
    public void Text_OverTheLimit_NamesTheLimitAndTheSplit()
    {
        var error = SingleError(MessageContent.FromText(string.Join(" ", Enumerable.Repeat("word", 1000))));

        error.Field.ShouldBe("text");
        error.Message.ShouldBe("Text messages may be at most 4,096 characters; this one has 4,999 (split, it would be 2 messages).");
    }

    [Fact]
    public void Text_ProviderLimit_IsUsed() =>
        SingleError(MessageContent.FromText(new string('a', 1601)), maxTextLength: 1600).Message.ShouldStartWith("Text messages may be at most 1,600 characters; this one has 1,601");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Text_Empty_IsRefused(string? text) =>
        SingleError(new MessageContent { Type = MessageTypes.Text, Text = text }).Message.ShouldBe("A text message needs a non-empty text.");

    // --- reply buttons ---

    [Fact]
    public void Buttons_OneToThree_AreValid()
    {
        Valid(Buttons(new ReplyButton("a", "A")));
        Valid(Buttons(new ReplyButton("a", "A"), new ReplyButton("b", "B"), new ReplyButton("c", "C")));
    }

    [Fact]
    public void Buttons_Four_AreRefused() =>
        SingleError(Buttons(new("a", "A"), new("b", "B"), new("c", "C"), new("d", "D"))).Message.ShouldBe("A reply-button message has 1 to 3 buttons; this one has 4.");

    [Fact]
    public void Buttons_None_AreRefused() =>
        SingleError(Buttons()).Message.ShouldBe("A reply-button message has 1 to 3 buttons; this one has 0.");

    [Fact]
    public void ButtonTitle_OverTwentyCharacters_NamesTheLimitAndTheTitle()
    {
        Valid(Buttons(new ReplyButton("a", new string('x', 20))));

        var error = SingleError(Buttons(new ReplyButton("a", "Something long here, really")));

        error.Field.ShouldBe("interactive.buttons[0].title");
        error.Message.ShouldBe("Reply button titles may be at most 20 characters; 'Something long here…' has 27.");
    }

    [Fact]
    public void ButtonIds_MustBeUnique() =>
        SingleError(Buttons(new("same", "A"), new("same", "B"))).Message.ShouldBe("Reply button ids must be unique within the message; 'same' appears twice.");

    [Fact]
    public void ButtonTitles_MustBeUnique() =>
        SingleError(Buttons(new("a", "Yes"), new("b", "Yes"))).Message.ShouldBe("Reply button titles must be unique within the message; 'Yes' appears twice.");

    [Fact]
    public void ButtonId_Over256Characters_IsRefused()
    {
        Valid(Buttons(new ReplyButton(new string('i', 256), "A")));

        SingleError(Buttons(new ReplyButton(new string('i', 257), "A"))).Message.ShouldEndWith("has 257.");
    }

    [Fact]
    public void ButtonId_WithSurroundingSpaces_IsRefused() =>
        SingleError(Buttons(new ReplyButton(" yes", "Yes"))).Message.ShouldBe("Reply button ids may not start or end with spaces; ' yes' does.");

    [Fact]
    public void Button_WithoutTitleOrId_IsRefused()
    {
        var errors = OutboundValidator.Validate(Buttons(new ReplyButton("", "")));

        errors.Select(e => e.Field).ShouldBe(["interactive.buttons[0].title", "interactive.buttons[0].id"]);
    }

    // --- interactive body, header, footer ---

    [Fact]
    public void InteractiveBody_Over1024Characters_IsRefused()
    {
        Valid(Buttons(new ReplyButton("a", "A")) with { Text = new string('b', 1024) });

        SingleError(Buttons(new ReplyButton("a", "A")) with { Text = new string('b', 1025) }).Message
            .ShouldBe("The body of an interactive message may be at most 1,024 characters; this one has 1,025.");
    }

    [Fact]
    public void InteractiveBody_Missing_IsRefused() =>
        SingleError(Buttons(new ReplyButton("a", "A")) with { Text = null }).Message.ShouldBe("An interactive message needs a body text.");

    [Fact]
    public void InteractiveHeaderAndFooter_Over60Characters_AreRefused()
    {
        Valid(List(header: new string('h', 60), footer: new string('f', 60), sections: Section(null, 1)));

        var errors = OutboundValidator.Validate(List(header: new string('h', 61), footer: new string('f', 61), sections: Section(null, 1)));

        errors.Select(e => e.Message).ShouldBe([
            $"Interactive headers may be at most 60 characters; '{new string('h', 19)}…' has 61.",
            $"Interactive footers may be at most 60 characters; '{new string('f', 19)}…' has 61.",
        ]);
    }

    [Fact]
    public void Interactive_WithAnInboundChoiceOnly_IsRefused() =>
        SingleError(new MessageContent { Type = MessageTypes.Interactive, Reply = new InteractiveReply("yes", "Yes") }).Message
            .ShouldBe("A button or list choice is something a contact sends; a business sends reply buttons or a list.");

    [Fact]
    public void Interactive_UnknownKind_IsRefused() =>
        SingleError(new MessageContent { Type = MessageTypes.Interactive, Text = "x", Interactive = new InteractiveContent { Kind = "carousel" } }).Field.ShouldBe("interactive.kind");

    // --- lists ---

    [Fact]
    public void List_TenRowsInTenSections_IsValid() =>
        Valid(List(sections: Enumerable.Range(0, 10).Select(i => Section($"S{i}", 1, $"s{i}r")).ToArray()));

    [Fact]
    public void List_ElevenRows_IsRefused() =>
        SingleError(List(sections: [Section("A", 6, "a"), Section("B", 5, "b")])).Message.ShouldBe("A list has 1 to 10 rows across all its sections; this one has 11.");

    [Fact]
    public void List_ElevenSections_IsRefused()
    {
        var errors = OutboundValidator.Validate(List(sections: Enumerable.Range(0, 11).Select(i => Section($"S{i}", 1, $"s{i}r")).ToArray()));

        errors.Select(e => e.Message).ShouldContain("A list has 1 to 10 sections; this one has 11.");
    }

    [Fact]
    public void List_NoSections_IsRefused() =>
        OutboundValidator.Validate(List()).Select(e => e.Message).ShouldContain("A list has 1 to 10 sections; this one has 0.");

    [Fact]
    public void ListButton_Over20Characters_IsRefused()
    {
        Valid(List(button: new string('b', 20), sections: Section(null, 1)));

        SingleError(List(button: new string('b', 21), sections: Section(null, 1))).Message.ShouldBe($"The list button label may be at most 20 characters; '{new string('b', 19)}…' has 21.");
    }

    [Fact]
    public void ListButton_Missing_IsRefused() =>
        SingleError(List(button: "", sections: Section(null, 1))).Field.ShouldBe("interactive.listButton");

    [Fact]
    public void ListRowTitle_Over24Characters_IsRefused()
    {
        Valid(List(sections: new ListSection(null, [new ListRow("r", new string('t', 24))])));

        SingleError(List(sections: new ListSection(null, [new ListRow("r", new string('t', 25))]))).Message.ShouldBe($"List row titles may be at most 24 characters; '{new string('t', 19)}…' has 25.");
    }

    [Fact]
    public void ListRowDescription_Over72Characters_IsRefused()
    {
        Valid(List(sections: new ListSection(null, [new ListRow("r", "t") { Description = new string('d', 72) }])));

        SingleError(List(sections: new ListSection(null, [new ListRow("r", "t") { Description = new string('d', 73) }]))).Message.ShouldEndWith("has 73.");
    }

    [Fact]
    public void ListRowId_Over200Characters_IsRefused()
    {
        Valid(List(sections: new ListSection(null, [new ListRow(new string('i', 200), "t")])));

        SingleError(List(sections: new ListSection(null, [new ListRow(new string('i', 201), "t")]))).Message.ShouldStartWith("List row ids may be at most 200 characters");
    }

    [Fact]
    public void ListRowIds_MustBeUnique() =>
        SingleError(List(sections: [Section("A", 1, "x"), Section("B", 1, "x")])).Message.ShouldBe("List row ids must be unique within the message; 'x0' appears twice.");

    [Fact]
    public void ListSectionTitle_Over24Characters_IsRefused() =>
        SingleError(List(sections: Section(new string('s', 25), 1))).Message.ShouldBe($"List section titles may be at most 24 characters; '{new string('s', 19)}…' has 25.");

    [Fact]
    public void ListSections_NeedTitles_WhenThereAreSeveral()
    {
        Valid(List(sections: Section(null, 2)));

        SingleError(List(sections: [Section("A", 1, "a"), Section(null, 1, "b")])).Message.ShouldBe("When a list has more than one section, every section needs a title.");
    }

    [Fact]
    public void ListSection_WithoutRows_IsRefused() =>
        OutboundValidator.Validate(List(sections: [Section("A", 1, "a"), new ListSection("B", [])])).Select(e => e.Message).ShouldContain("Every list section needs at least one row.");

    // --- media ---

    [Theory]
    [InlineData(MessageTypes.Image)]
    [InlineData(MessageTypes.Video)]
    [InlineData(MessageTypes.Audio)]
    [InlineData(MessageTypes.Document)]
    [InlineData(MessageTypes.Sticker)]
    public void Media_NeedsAnIdALinkOrAStoredFile(string type)
    {
        Valid(Media(type, new MediaInfo { Id = "123" }));
        Valid(Media(type, new MediaInfo { Url = "https://example.com/file" }));
        Valid(Media(type, new MediaInfo { StoredId = "abc" }));

        SingleError(Media(type, new MediaInfo { MimeType = null })).Message.ShouldBe($"A {type} message needs a media id, a link or a stored file; this one has none.");
        SingleError(new MessageContent { Type = type }).Field.ShouldBe("media");
    }

    [Fact]
    public void MediaLink_MustBeHttp() =>
        SingleError(Media(MessageTypes.Image, new MediaInfo { Url = "ftp://example.com/a.jpg" })).Message.ShouldBe("A media link must be an absolute http(s) URL; 'ftp://example.com/a…' is not.");

    [Fact]
    public void Caption_Over1024Characters_IsRefused()
    {
        Valid(Media(MessageTypes.Image, new MediaInfo { Id = "1" }, new string('c', 1024)));

        SingleError(Media(MessageTypes.Image, new MediaInfo { Id = "1" }, new string('c', 1025))).Message.ShouldBe("Captions may be at most 1,024 characters; this one has 1,025.");
    }

    [Theory]
    [InlineData(MessageTypes.Audio)]
    [InlineData(MessageTypes.Sticker)]
    public void AudioAndStickers_HaveNoCaption(string type) =>
        SingleError(Media(type, new MediaInfo { Id = "1" }, "hello")).Message.ShouldBe($"A {type} message cannot have a caption; send the text as a separate message.");

    [Theory]
    [InlineData("folder/invoice.pdf")]
    [InlineData("a\\b.pdf")]
    [InlineData("bad\nname.pdf")]
    [InlineData(" ")]
    public void DocumentFileName_MustBeAPlainName(string fileName) =>
        SingleError(Media(MessageTypes.Document, new MediaInfo { Id = "1", FileName = fileName })).Field.ShouldBe("media.fileName");

    [Fact]
    public void DocumentFileName_Over240Characters_IsRefused()
    {
        Valid(Media(MessageTypes.Document, new MediaInfo { Id = "1", FileName = new string('n', 236) + ".pdf" }));

        SingleError(Media(MessageTypes.Document, new MediaInfo { Id = "1", FileName = new string('n', 237) + ".pdf" })).Message.ShouldEndWith("has 241.");
    }

    [Theory]
    [InlineData(MessageTypes.Image, 5L * 1024 * 1024, "5 MB")]
    [InlineData(MessageTypes.Video, 16L * 1024 * 1024, "16 MB")]
    [InlineData(MessageTypes.Audio, 16L * 1024 * 1024, "16 MB")]
    [InlineData(MessageTypes.Document, 100L * 1024 * 1024, "100 MB")]
    [InlineData(MessageTypes.Sticker, 500L * 1024, "500 KB")]
    public void MediaSize_OverWhatsAppsLimit_IsRefused(string type, long limit, string shown)
    {
        Valid(Media(type, new MediaInfo { Id = "1", Size = limit }));

        SingleError(Media(type, new MediaInfo { Id = "1", Size = limit + 1 })).Message.ShouldStartWith($"WhatsApp accepts {type} files of at most {shown};");
    }

    [Theory]
    [InlineData(MessageTypes.Image, "image/jpeg", true)]
    [InlineData(MessageTypes.Image, "image/png", true)]
    [InlineData(MessageTypes.Image, "image/gif", false)]
    [InlineData(MessageTypes.Video, "video/mp4", true)]
    [InlineData(MessageTypes.Video, "video/quicktime", false)]
    [InlineData(MessageTypes.Audio, "audio/ogg; codecs=opus", true)]
    [InlineData(MessageTypes.Audio, "audio/wav", false)]
    [InlineData(MessageTypes.Sticker, "image/webp", true)]
    [InlineData(MessageTypes.Sticker, "image/png", false)]
    [InlineData(MessageTypes.Document, "application/x-anything", true)]
    public void MediaMimeType_MustBeOneWhatsAppTakes(string type, string mime, bool valid)
    {
        var errors = OutboundValidator.Validate(Media(type, new MediaInfo { Id = "1", MimeType = mime }));

        (errors.Count == 0).ShouldBe(valid);
        if (!valid)
        {
            errors.ShouldHaveSingleItem().Message.ShouldStartWith($"WhatsApp accepts {type} files of type ");
        }
    }

    // --- location ---

    [Theory]
    [InlineData(90, 180, true)]
    [InlineData(-90, -180, true)]
    [InlineData(90.0001, 0, false)]
    [InlineData(-90.0001, 0, false)]
    [InlineData(0, 180.0001, false)]
    [InlineData(0, -180.0001, false)]
    [InlineData(double.NaN, 0, false)]
    public void Location_LatitudeAndLongitudeRanges(double latitude, double longitude, bool valid) =>
        (OutboundValidator.Validate(new MessageContent { Type = MessageTypes.Location, Location = new LocationInfo(latitude, longitude) }).Count == 0).ShouldBe(valid);

    [Fact]
    public void Location_OutOfRange_NamesTheRange() =>
        SingleError(new MessageContent { Type = MessageTypes.Location, Location = new LocationInfo(91, 0) }).Message.ShouldBe("Latitude must be between -90 and 90; 91 is not.");

    [Fact]
    public void Location_Missing_IsRefused() =>
        SingleError(new MessageContent { Type = MessageTypes.Location }).Field.ShouldBe("location");

    // --- reactions ---

    [Theory]
    [InlineData("👍")]
    [InlineData("❤️")]
    [InlineData("👨‍👩‍👧")]
    [InlineData("🇲🇽")]
    [InlineData("1️⃣")]
    [InlineData("")]
    [InlineData(null)]
    public void Reaction_OneEmojiOrEmpty_IsValid(string? emoji) =>
        Valid(new MessageContent { Type = MessageTypes.Reaction, Reaction = new ReactionInfo("wamid.X", emoji) });

    [Theory]
    [InlineData("ok")]
    [InlineData("👍👍")]
    [InlineData("a")]
    [InlineData("1")]
    public void Reaction_NotASingleEmoji_IsRefused(string emoji) =>
        SingleError(new MessageContent { Type = MessageTypes.Reaction, Reaction = new ReactionInfo("wamid.X", emoji) }).Message.ShouldBe($"A reaction is a single emoji; '{emoji}' is not.");

    [Fact]
    public void Reaction_NeedsTheMessageItReactsTo() =>
        SingleError(new MessageContent { Type = MessageTypes.Reaction, Reaction = new ReactionInfo("", "👍") }).Field.ShouldBe("reaction.messageId");

    // --- contacts ---

    [Fact]
    public void Contacts_NeedANamePerCard()
    {
        Valid(new MessageContent { Type = MessageTypes.Contacts, Contacts = [new ContactCard { FormattedName = "Ana" }] });

        SingleError(new MessageContent { Type = MessageTypes.Contacts, Contacts = [new ContactCard()] }).Message.ShouldBe("Every contact card needs a name (WhatsApp requires formatted_name).");
        SingleError(new MessageContent { Type = MessageTypes.Contacts, Contacts = [] }).Message.ShouldBe("A contacts message needs at least one contact card.");
    }

    // --- templates ---

    [Fact]
    public void Template_Valid() =>
        Valid(Template(new TemplateContent("order_update_2", "pt_BR") { HeaderParameters = ["#1"], BodyParameters = ["Ana", "3"], Buttons = [new TemplateButtonParameter(0, "quick_reply", "stop")] }));

    [Theory]
    [InlineData("Order_Update")]
    [InlineData("order-update")]
    [InlineData("order update")]
    public void TemplateName_LowercaseDigitsAndUnderscores(string name) =>
        SingleError(Template(new TemplateContent(name, "en_US"))).Message.ShouldBe($"Template names use lowercase letters, digits and underscores only; '{name}' does not.");

    [Fact]
    public void TemplateName_Over512Characters_IsRefused()
    {
        Valid(Template(new TemplateContent(new string('t', 512), "en")));

        SingleError(Template(new TemplateContent(new string('t', 513), "en"))).Message.ShouldEndWith("has 513.");
    }

    [Theory]
    [InlineData("en", true)]
    [InlineData("en_US", true)]
    [InlineData("es_MX", true)]
    [InlineData("zh_HK", true)]
    [InlineData("english", false)]
    [InlineData("", false)]
    public void TemplateLanguage_IsACode(string language, bool valid) =>
        (OutboundValidator.Validate(Template(new TemplateContent("t", language))).Count == 0).ShouldBe(valid);

    [Fact]
    public void TemplateParameters_EmptyOrTooLong_AreRefused()
    {
        var errors = OutboundValidator.Validate(Template(new TemplateContent("t", "en")
        {
            HeaderParameters = [new string('h', 61)],
            BodyParameters = ["ok", "", new string('b', 1025)],
        }));

        errors.Select(e => e.Field).ShouldBe(["template.headerParameters[0]", "template.bodyParameters[1]", "template.bodyParameters[2]"]);
        errors[0].Message.ShouldStartWith("Template header parameters may be at most 60 characters;");
        errors[1].Message.ShouldBe("Template body parameters may not be empty; WhatsApp rejects a blank variable (parameter 2).");
        errors[2].Message.ShouldStartWith("Template body parameters may be at most 1,024 characters; parameter 3");
    }

    [Fact]
    public void TemplateHeader_OneParameter_AndNotTextAndMedia()
    {
        SingleError(Template(new TemplateContent("t", "en") { HeaderParameters = ["a", "b"] })).Message.ShouldBe("A template header has at most 1 parameter; this message gives 2.");
        SingleError(Template(new TemplateContent("t", "en") { HeaderParameters = ["a"], HeaderMedia = new MediaInfo { Id = "1" } })).Message.ShouldBe("A template header is either text or media, not both.");
        SingleError(Template(new TemplateContent("t", "en") { HeaderMedia = new MediaInfo() })).Field.ShouldBe("template.headerMedia");
    }

    [Fact]
    public void TemplateButtons_IndexesZeroToNine_OnceEach()
    {
        Valid(Template(new TemplateContent("t", "en") { Buttons = [new(0, "quick_reply", "a"), new(9, "url", "b")] }));

        SingleError(Template(new TemplateContent("t", "en") { Buttons = [new(10, "quick_reply", "a")] })).Message.ShouldBe("Template button indexes run from 0 to 9; 10 is outside.");
        SingleError(Template(new TemplateContent("t", "en") { Buttons = [new(1, "quick_reply", "a"), new(1, "quick_reply", "b")] })).Message.ShouldBe("Each template button is given once; index 1 appears twice.");
        SingleError(Template(new TemplateContent("t", "en") { Buttons = [new(0, "quick_reply", "")] })).Field.ShouldBe("template.buttons[0].value");
    }

    [Fact]
    public void Template_Missing_IsRefused() =>
        SingleError(new MessageContent { Type = MessageTypes.Template }).Field.ShouldBe("template");

    // --- types ---

    [Theory]
    [InlineData(MessageTypes.Unknown)]
    [InlineData(MessageTypes.Order)]
    [InlineData(MessageTypes.System)]
    [InlineData(MessageTypes.Button)]
    [InlineData("hologram")]
    public void InboundOnlyAndUnknownTypes_CannotBeSent(string type) =>
        SingleError(new MessageContent { Type = type, Text = "x" }).Message.ShouldStartWith($"Messages of type '{type}' cannot be sent;");
}
