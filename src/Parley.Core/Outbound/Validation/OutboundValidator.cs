using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Parley.Core.Messaging;

namespace Parley.Core.Outbound.Validation;

/// <summary>
/// Checks an outgoing message against WhatsApp's limits (<see cref="OutboundLimits"/>) before any provider sees it,
/// so a bot author or API caller gets a sentence naming the limit instead of a provider error code later.
/// </summary>
public static partial class OutboundValidator
{
    private const int QuoteLength = 20;

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex TemplateNamePattern();

    // ISO 639 language with an optional region or script ("en", "en_US", "pt_BR", "zh_HK", "es-MX").
    [GeneratedRegex("^[a-z]{2,3}([_-][A-Za-z0-9]{2,4})?$")]
    private static partial Regex LanguagePattern();

    /// <summary>Every problem found, in field order; empty when the message can be sent.</summary>
    /// <param name="maxTextLength">The provider's limit for a text body: 4,096 on WhatsApp, 1,600 through Twilio.</param>
    public static IReadOnlyList<ValidationError> Validate(MessageContent content, int maxTextLength = OutboundLimits.TextMaxLength)
    {
        ArgumentNullException.ThrowIfNull(content);
        var errors = new List<ValidationError>();
        switch (content.Type)
        {
            case MessageTypes.Text:
                ValidateText(content.Text, maxTextLength, errors);
                break;
            case MessageTypes.Image or MessageTypes.Video or MessageTypes.Document or MessageTypes.Audio or MessageTypes.Sticker:
                ValidateMedia(content, errors);
                break;
            case MessageTypes.Location:
                ValidateLocation(content.Location, errors);
                break;
            case MessageTypes.Contacts:
                ValidateContacts(content.Contacts, errors);
                break;
            case MessageTypes.Interactive:
                ValidateInteractive(content, errors);
                break;
            case MessageTypes.Reaction:
                ValidateReaction(content.Reaction, errors);
                break;
            case MessageTypes.Template:
                ValidateTemplate(content.Template, errors);
                break;
            default:
                errors.Add(new("type", $"Messages of type '{content.Type}' cannot be sent; send text, media, location, contacts, interactive, reaction or template."));
                break;
        }

        return errors;
    }

    private static void ValidateText(string? text, int maxTextLength, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new("text", "A text message needs a non-empty text."));
            return;
        }

        if (text.Length > maxTextLength)
        {
            var parts = TextSplitter.Split(text, maxTextLength).Count;
            errors.Add(new("text",
                $"Text messages may be at most {N(maxTextLength)} characters; this one has {N(text.Length)} (split, it would be {N(parts)} messages)."));
        }
    }

    private static void ValidateMedia(MessageContent content, List<ValidationError> errors)
    {
        var media = content.Media;
        if (media is null)
        {
            errors.Add(new("media", $"A {content.Type} message needs media: a provider media id, a link or a stored file."));
            return;
        }

        if (string.IsNullOrWhiteSpace(media.Id) && string.IsNullOrWhiteSpace(media.Url) && string.IsNullOrWhiteSpace(media.StoredId))
        {
            errors.Add(new("media", $"A {content.Type} message needs a media id, a link or a stored file; this one has none."));
        }

        if (!string.IsNullOrWhiteSpace(media.Url)
            && (!Uri.TryCreate(media.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            errors.Add(new("media.url", $"A media link must be an absolute http(s) URL; '{Quote(media.Url)}' is not."));
        }

        if (!string.IsNullOrEmpty(content.Text))
        {
            if (content.Type is MessageTypes.Audio or MessageTypes.Sticker)
            {
                errors.Add(new("text", $"A {content.Type} message cannot have a caption; send the text as a separate message."));
            }
            else if (content.Text.Length > OutboundLimits.CaptionMaxLength)
            {
                errors.Add(new("text", $"Captions may be at most {N(OutboundLimits.CaptionMaxLength)} characters; this one has {N(content.Text.Length)}."));
            }
        }

        if (content.Type == MessageTypes.Document && media.FileName is { } fileName)
        {
            if (fileName.Length > OutboundLimits.DocumentFileNameMaxLength)
            {
                errors.Add(new("media.fileName", $"Document file names may be at most {N(OutboundLimits.DocumentFileNameMaxLength)} characters; '{Quote(fileName)}' has {N(fileName.Length)}."));
            }

            if (string.IsNullOrWhiteSpace(fileName) || fileName.IndexOfAny(['/', '\\']) >= 0 || fileName.Any(char.IsControl))
            {
                errors.Add(new("media.fileName", $"A document file name must be a plain name like 'invoice.pdf', without folders or control characters; '{Quote(fileName)}' is not."));
            }
        }

        var (maxBytes, mimeTypes) = content.Type switch
        {
            MessageTypes.Image => (OutboundLimits.ImageMaxBytes, OutboundLimits.ImageMimeTypes),
            MessageTypes.Video => (OutboundLimits.VideoMaxBytes, OutboundLimits.VideoMimeTypes),
            MessageTypes.Audio => (OutboundLimits.AudioMaxBytes, OutboundLimits.AudioMimeTypes),
            MessageTypes.Sticker => (OutboundLimits.StickerMaxBytes, OutboundLimits.StickerMimeTypes),
            _ => (OutboundLimits.DocumentMaxBytes, (IReadOnlyList<string>)[]),
        };
        if (media.Size is { } size && size > maxBytes)
        {
            errors.Add(new("media.size", $"WhatsApp accepts {content.Type} files of at most {Bytes(maxBytes)}; this one has {Bytes(size)}."));
        }

        if (mimeTypes.Count > 0 && media.MimeType is { Length: > 0 } mime)
        {
            var bare = mime.Split(';')[0].Trim();
            if (!mimeTypes.Contains(bare, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new("media.mimeType", $"WhatsApp accepts {content.Type} files of type {string.Join(", ", mimeTypes)}; '{Quote(mime)}' is not one of them."));
            }
        }
    }

    private static void ValidateLocation(LocationInfo? location, List<ValidationError> errors)
    {
        if (location is null)
        {
            errors.Add(new("location", "A location message needs a latitude and a longitude."));
            return;
        }

        if (!double.IsFinite(location.Latitude) || location.Latitude < OutboundLimits.LatitudeMin || location.Latitude > OutboundLimits.LatitudeMax)
        {
            errors.Add(new("location.latitude", $"Latitude must be between -90 and 90; {location.Latitude.ToString(CultureInfo.InvariantCulture)} is not."));
        }

        if (!double.IsFinite(location.Longitude) || location.Longitude < OutboundLimits.LongitudeMin || location.Longitude > OutboundLimits.LongitudeMax)
        {
            errors.Add(new("location.longitude", $"Longitude must be between -180 and 180; {location.Longitude.ToString(CultureInfo.InvariantCulture)} is not."));
        }
    }

    private static void ValidateContacts(IReadOnlyList<ContactCard>? contacts, List<ValidationError> errors)
    {
        if (contacts is null || contacts.Count == 0)
        {
            errors.Add(new("contacts", "A contacts message needs at least one contact card."));
            return;
        }

        for (var i = 0; i < contacts.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(contacts[i].FormattedName))
            {
                errors.Add(new($"contacts[{i}].formattedName", "Every contact card needs a name (WhatsApp requires formatted_name)."));
            }

            var phones = contacts[i].Phones ?? [];
            for (var p = 0; p < phones.Count; p++)
            {
                if (string.IsNullOrWhiteSpace(phones[p].Phone))
                {
                    errors.Add(new($"contacts[{i}].phones[{p}].phone", "A contact card's phone entry needs a number."));
                }
            }
        }
    }

    private static void ValidateInteractive(MessageContent content, List<ValidationError> errors)
    {
        var interactive = content.Interactive;
        if (interactive is null)
        {
            errors.Add(new("interactive", content.Reply is not null
                ? "A button or list choice is something a contact sends; a business sends reply buttons or a list."
                : "An interactive message needs reply buttons or a list."));
            return;
        }

        if (string.IsNullOrWhiteSpace(content.Text))
        {
            errors.Add(new("text", "An interactive message needs a body text."));
        }
        else if (content.Text.Length > OutboundLimits.InteractiveBodyMaxLength)
        {
            errors.Add(new("text", $"The body of an interactive message may be at most {N(OutboundLimits.InteractiveBodyMaxLength)} characters; this one has {N(content.Text.Length)}."));
        }

        MaxLength(interactive.Header, OutboundLimits.InteractiveHeaderMaxLength, "interactive.header", "Interactive headers", errors);
        MaxLength(interactive.Footer, OutboundLimits.InteractiveFooterMaxLength, "interactive.footer", "Interactive footers", errors);

        switch (interactive.Kind)
        {
            case InteractiveContent.ButtonKind:
                ValidateButtons(interactive.Buttons ?? [], errors);
                break;
            case InteractiveContent.ListKind:
                ValidateList(interactive, errors);
                break;
            default:
                errors.Add(new("interactive.kind", $"Interactive messages are '{InteractiveContent.ButtonKind}' (reply buttons) or '{InteractiveContent.ListKind}'; '{Quote(interactive.Kind)}' is neither."));
                break;
        }
    }

    private static void ValidateButtons(IReadOnlyList<ReplyButton> buttons, List<ValidationError> errors)
    {
        if (buttons.Count is < OutboundLimits.ReplyButtonsMin or > OutboundLimits.ReplyButtonsMax)
        {
            errors.Add(new("interactive.buttons", $"A reply-button message has {OutboundLimits.ReplyButtonsMin} to {OutboundLimits.ReplyButtonsMax} buttons; this one has {buttons.Count}."));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var titles = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < buttons.Count; i++)
        {
            var field = $"interactive.buttons[{i}]";
            var (id, title) = (buttons[i].Id, buttons[i].Title);
            if (string.IsNullOrWhiteSpace(title))
            {
                errors.Add(new($"{field}.title", "Every reply button needs a title."));
            }
            else
            {
                if (title.Length > OutboundLimits.ReplyButtonTitleMaxLength)
                {
                    errors.Add(new($"{field}.title", $"Reply button titles may be at most {OutboundLimits.ReplyButtonTitleMaxLength} characters; '{Quote(title)}' has {N(title.Length)}."));
                }

                if (!titles.Add(title))
                {
                    errors.Add(new($"{field}.title", $"Reply button titles must be unique within the message; '{Quote(title)}' appears twice."));
                }
            }

            if (string.IsNullOrWhiteSpace(id))
            {
                errors.Add(new($"{field}.id", "Every reply button needs an id (it comes back when the contact taps it)."));
                continue;
            }

            if (id.Length > OutboundLimits.ReplyButtonIdMaxLength)
            {
                errors.Add(new($"{field}.id", $"Reply button ids may be at most {OutboundLimits.ReplyButtonIdMaxLength} characters; '{Quote(id)}' has {N(id.Length)}."));
            }

            if (id.Trim().Length != id.Length)
            {
                errors.Add(new($"{field}.id", $"Reply button ids may not start or end with spaces; '{Quote(id)}' does."));
            }

            if (!ids.Add(id))
            {
                errors.Add(new($"{field}.id", $"Reply button ids must be unique within the message; '{Quote(id)}' appears twice."));
            }
        }
    }

    private static void ValidateList(InteractiveContent list, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(list.ListButton))
        {
            errors.Add(new("interactive.listButton", "A list message needs the label of the button that opens the list."));
        }
        else
        {
            MaxLength(list.ListButton, OutboundLimits.ListButtonMaxLength, "interactive.listButton", "The list button label", errors);
        }

        var sections = list.Sections ?? [];
        if (sections.Count is 0 or > OutboundLimits.ListSectionsMax)
        {
            errors.Add(new("interactive.sections", $"A list has 1 to {OutboundLimits.ListSectionsMax} sections; this one has {sections.Count}."));
        }

        var rows = sections.Sum(s => s.Rows?.Count ?? 0);
        if (rows is 0 or > OutboundLimits.ListRowsMax)
        {
            errors.Add(new("interactive.sections", $"A list has 1 to {OutboundLimits.ListRowsMax} rows across all its sections; this one has {rows}."));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < sections.Count; s++)
        {
            var section = sections[s];
            var sectionField = $"interactive.sections[{s}]";
            if (string.IsNullOrWhiteSpace(section.Title))
            {
                if (sections.Count > 1)
                {
                    errors.Add(new($"{sectionField}.title", "When a list has more than one section, every section needs a title."));
                }
            }
            else
            {
                MaxLength(section.Title, OutboundLimits.ListSectionTitleMaxLength, $"{sectionField}.title", "List section titles", errors);
            }

            var sectionRows = section.Rows ?? [];
            if (sectionRows.Count == 0)
            {
                errors.Add(new($"{sectionField}.rows", "Every list section needs at least one row."));
            }

            for (var r = 0; r < sectionRows.Count; r++)
            {
                var row = sectionRows[r];
                var field = $"{sectionField}.rows[{r}]";
                if (string.IsNullOrWhiteSpace(row.Title))
                {
                    errors.Add(new($"{field}.title", "Every list row needs a title."));
                }
                else
                {
                    MaxLength(row.Title, OutboundLimits.ListRowTitleMaxLength, $"{field}.title", "List row titles", errors);
                }

                MaxLength(row.Description, OutboundLimits.ListRowDescriptionMaxLength, $"{field}.description", "List row descriptions", errors);
                if (string.IsNullOrWhiteSpace(row.Id))
                {
                    errors.Add(new($"{field}.id", "Every list row needs an id (it comes back when the contact picks it)."));
                    continue;
                }

                MaxLength(row.Id, OutboundLimits.ListRowIdMaxLength, $"{field}.id", "List row ids", errors);
                if (!ids.Add(row.Id))
                {
                    errors.Add(new($"{field}.id", $"List row ids must be unique within the message; '{Quote(row.Id)}' appears twice."));
                }
            }
        }
    }

    private static void ValidateReaction(ReactionInfo? reaction, List<ValidationError> errors)
    {
        if (reaction is null)
        {
            errors.Add(new("reaction", "A reaction needs the id of the message it reacts to and an emoji (empty to remove it)."));
            return;
        }

        if (string.IsNullOrWhiteSpace(reaction.MessageId))
        {
            errors.Add(new("reaction.messageId", "A reaction needs the provider id of the message it reacts to."));
        }

        // An empty emoji removes an earlier reaction.
        if (!string.IsNullOrEmpty(reaction.Emoji) && !IsSingleEmoji(reaction.Emoji))
        {
            errors.Add(new("reaction.emoji", $"A reaction is a single emoji; '{Quote(reaction.Emoji)}' is not."));
        }
    }

    private static void ValidateTemplate(TemplateContent? template, List<ValidationError> errors)
    {
        if (template is null)
        {
            errors.Add(new("template", "A template message needs the template's name and language."));
            return;
        }

        if (string.IsNullOrWhiteSpace(template.Name))
        {
            errors.Add(new("template.name", "A template message needs the template's name."));
        }
        else if (template.Name.Length > OutboundLimits.TemplateNameMaxLength)
        {
            errors.Add(new("template.name", $"Template names may be at most {OutboundLimits.TemplateNameMaxLength} characters; '{Quote(template.Name)}' has {N(template.Name.Length)}."));
        }
        else if (!TemplateNamePattern().IsMatch(template.Name))
        {
            errors.Add(new("template.name", $"Template names use lowercase letters, digits and underscores only; '{Quote(template.Name)}' does not."));
        }

        if (string.IsNullOrWhiteSpace(template.Language) || !LanguagePattern().IsMatch(template.Language))
        {
            errors.Add(new("template.language", $"A template's language is a code like 'en', 'en_US' or 'pt_BR'; '{Quote(template.Language ?? "")}' is not."));
        }

        var header = template.HeaderParameters ?? [];
        if (header.Count > OutboundLimits.TemplateHeaderParametersMax)
        {
            errors.Add(new("template.headerParameters", $"A template header has at most {OutboundLimits.TemplateHeaderParametersMax} parameter; this message gives {header.Count}."));
        }

        if (header.Count > 0 && template.HeaderMedia is not null)
        {
            errors.Add(new("template.headerMedia", "A template header is either text or media, not both."));
        }

        TemplateParameters(header, OutboundLimits.TemplateHeaderParameterMaxLength, "template.headerParameters", "Template header parameters", errors);
        TemplateParameters(template.BodyParameters ?? [], OutboundLimits.TemplateBodyParameterMaxLength, "template.bodyParameters", "Template body parameters", errors);

        if (template.HeaderMedia is { } media
            && string.IsNullOrWhiteSpace(media.Id) && string.IsNullOrWhiteSpace(media.Url) && string.IsNullOrWhiteSpace(media.StoredId))
        {
            errors.Add(new("template.headerMedia", "A template's media header needs a media id, a link or a stored file."));
        }

        var buttons = template.Buttons ?? [];
        var indexes = new HashSet<int>();
        for (var i = 0; i < buttons.Count; i++)
        {
            var button = buttons[i];
            var field = $"template.buttons[{i}]";
            if (button.Index is < 0 or >= OutboundLimits.TemplateButtonsMax)
            {
                errors.Add(new($"{field}.index", $"Template button indexes run from 0 to {OutboundLimits.TemplateButtonsMax - 1}; {button.Index} is outside."));
            }
            else if (!indexes.Add(button.Index))
            {
                errors.Add(new($"{field}.index", $"Each template button is given once; index {button.Index} appears twice."));
            }

            if (string.IsNullOrWhiteSpace(button.SubType))
            {
                errors.Add(new($"{field}.subType", "A template button parameter needs its sub-type (quick_reply, url, copy_code, flow)."));
            }

            if (string.IsNullOrEmpty(button.Value))
            {
                errors.Add(new($"{field}.value", "A template button parameter needs a value (the payload, URL suffix or code)."));
            }
        }
    }

    private static void TemplateParameters(IReadOnlyList<string> parameters, int max, string field, string what, List<ValidationError> errors)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            var value = parameters[i];
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(new($"{field}[{i}]", $"{what} may not be empty; WhatsApp rejects a blank variable (parameter {i + 1})."));
            }
            else if (value.Length > max)
            {
                errors.Add(new($"{field}[{i}]", $"{what} may be at most {N(max)} characters; parameter {i + 1} ('{Quote(value)}') has {N(value.Length)}."));
            }
        }
    }

    private static void MaxLength(string? value, int max, string field, string what, List<ValidationError> errors)
    {
        if (value is not null && value.Length > max)
        {
            errors.Add(new(field, $"{what} may be at most {N(max)} characters; '{Quote(value)}' has {N(value.Length)}."));
        }
    }

    /// <summary>One grapheme cluster that is a pictograph, not a letter, digit or punctuation mark.</summary>
    private static bool IsSingleEmoji(string value)
    {
        if (new StringInfo(value).LengthInTextElements != 1)
        {
            return false;
        }

        foreach (var rune in value.EnumerateRunes())
        {
            // Keycaps (1️⃣) start with a digit; flags are regional indicators (OtherSymbol); most emoji are OtherSymbol.
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherSymbol || rune.Value is 0xFE0F or 0x20E3)
            {
                return true;
            }
        }

        return false;
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Bytes(long bytes) => bytes >= 1024 * 1024
        ? $"{(bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture)} MB"
        : $"{(bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)} KB";

    /// <summary>The value as quoted in a message: long values are cut, so an error stays one readable line.</summary>
    private static string Quote(string value)
    {
        var oneLine = value.ReplaceLineEndings(" ");
        if (oneLine.Length <= QuoteLength)
        {
            return oneLine;
        }

        var cut = QuoteLength - 1;
        if (char.IsHighSurrogate(oneLine[cut - 1]))
        {
            cut--;
        }

        return string.Concat(oneLine.AsSpan(0, cut), "…");
    }
}
