using Parley.Core.Accounts;
using Parley.Core.Messaging;

namespace Parley.Core.Outbound.Sending;

/// <summary>WhatsApp's limits that hold on every provider: lengths, counts, required parts per message type.</summary>
public sealed class BasicContentRules : IOutboundContentRules
{
    public const int MaxText = 4096;
    public const int MaxCaption = 1024;
    public const int MaxInteractiveBody = 1024;
    public const int MaxHeaderFooter = 60;
    public const int MaxButtons = 3;
    public const int MaxButtonTitle = 20;
    public const int MaxButtonId = 256;
    public const int MaxListRows = 10;
    public const int MaxListSections = 10;
    public const int MaxRowTitle = 24;
    public const int MaxRowDescription = 72;
    public const int MaxRowId = 200;

    /// <summary>The types the send API takes.</summary>
    public static readonly IReadOnlyList<string> SendableTypes =
    [
        MessageTypes.Text, MessageTypes.Image, MessageTypes.Audio, MessageTypes.Video, MessageTypes.Document, MessageTypes.Sticker,
        MessageTypes.Template, MessageTypes.Interactive, MessageTypes.Location, MessageTypes.Reaction,
    ];

    public IEnumerable<FieldError> Validate(Account account, MessageContent content)
    {
        var errors = new List<FieldError>();
        switch (content.Type)
        {
            case MessageTypes.Text:
                Length(errors, "text", content.Text, MaxText, required: true);
                break;
            case var t when MessageTypes.IsMedia(t):
                Media(errors, content);
                break;
            case MessageTypes.Template:
                if (content.Template is null)
                {
                    errors.Add(new("template", "'template' is required for a template message: its name and language."));
                }
                else
                {
                    Length(errors, "template.name", content.Template.Name, 512, required: true);
                    Length(errors, "template.language", content.Template.Language, 15, required: true);
                }

                break;
            case MessageTypes.Interactive:
                Interactive(errors, content);
                break;
            case MessageTypes.Location:
                if (content.Location is not { } l)
                {
                    errors.Add(new("location", "'location' is required for a location message."));
                }
                else
                {
                    if (double.IsNaN(l.Latitude) || l.Latitude is < -90 or > 90)
                    {
                        errors.Add(new("location.latitude", "Latitude must be between -90 and 90."));
                    }

                    if (double.IsNaN(l.Longitude) || l.Longitude is < -180 or > 180)
                    {
                        errors.Add(new("location.longitude", "Longitude must be between -180 and 180."));
                    }
                }

                break;
            case MessageTypes.Reaction:
                if (content.Reaction is null || string.IsNullOrWhiteSpace(content.Reaction.MessageId))
                {
                    errors.Add(new("reaction.messageId", "'reaction.messageId' is required: the message to react to."));
                }
                else if (content.Reaction.Emoji is { Length: > 16 })
                {
                    errors.Add(new("reaction.emoji", "'reaction.emoji' must be one emoji (empty removes the reaction)."));
                }

                break;
            default:
                errors.Add(new("type", $"'type' must be one of {string.Join(", ", SendableTypes)}."));
                break;
        }

        return errors;
    }

    private static void Media(List<FieldError> errors, MessageContent content)
    {
        if (content.Media is not { } media)
        {
            errors.Add(new("media", $"'media' is required for a {content.Type} message: a 'url' or a provider media 'id'."));
            return;
        }

        if (string.IsNullOrWhiteSpace(media.Url) && string.IsNullOrWhiteSpace(media.Id) && string.IsNullOrWhiteSpace(media.StoredId))
        {
            errors.Add(new("media.url", "Give 'media.url' (https) or 'media.id'."));
        }
        else if (media.Url is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            errors.Add(new("media.url", "'media.url' must be an absolute http(s) URL."));
        }

        if (content.Type is MessageTypes.Audio or MessageTypes.Sticker)
        {
            if (!string.IsNullOrEmpty(content.Text))
            {
                errors.Add(new("text", $"A {content.Type} message has no caption."));
            }
        }
        else
        {
            Length(errors, "text", content.Text, MaxCaption, required: false);
        }
    }

    private static void Interactive(List<FieldError> errors, MessageContent content)
    {
        if (content.Interactive is not { } i)
        {
            errors.Add(new("interactive", "'interactive' is required for an interactive message: buttons or a list."));
            return;
        }

        Length(errors, "text", content.Text, MaxInteractiveBody, required: true);
        Length(errors, "interactive.header", i.Header, MaxHeaderFooter, required: false);
        Length(errors, "interactive.footer", i.Footer, MaxHeaderFooter, required: false);
        if (i.Kind == InteractiveContent.ButtonKind)
        {
            var buttons = i.Buttons ?? [];
            if (buttons.Count is 0 or > MaxButtons)
            {
                errors.Add(new("interactive.buttons", $"Reply buttons: 1 to {MaxButtons}."));
            }

            for (var n = 0; n < buttons.Count; n++)
            {
                Length(errors, $"interactive.buttons[{n}].id", buttons[n].Id, MaxButtonId, required: true);
                Length(errors, $"interactive.buttons[{n}].title", buttons[n].Title, MaxButtonTitle, required: true);
            }

            Unique(errors, "interactive.buttons", buttons.Select(b => b.Id));
        }
        else if (i.Kind == InteractiveContent.ListKind)
        {
            Length(errors, "interactive.listButton", i.ListButton, MaxButtonTitle, required: true);
            var sections = i.Sections ?? [];
            if (sections.Count is 0 or > MaxListSections)
            {
                errors.Add(new("interactive.sections", $"A list has 1 to {MaxListSections} sections."));
            }

            var rows = sections.SelectMany(s => s.Rows ?? []).ToList();
            if (rows.Count is 0 or > MaxListRows)
            {
                errors.Add(new("interactive.sections", $"A list has 1 to {MaxListRows} rows in all."));
            }

            for (var s = 0; s < sections.Count; s++)
            {
                if (sections.Count > 1)
                {
                    Length(errors, $"interactive.sections[{s}].title", sections[s].Title, MaxRowTitle, required: true);
                }

                var sectionRows = sections[s].Rows ?? [];
                for (var r = 0; r < sectionRows.Count; r++)
                {
                    Length(errors, $"interactive.sections[{s}].rows[{r}].id", sectionRows[r].Id, MaxRowId, required: true);
                    Length(errors, $"interactive.sections[{s}].rows[{r}].title", sectionRows[r].Title, MaxRowTitle, required: true);
                    Length(errors, $"interactive.sections[{s}].rows[{r}].description", sectionRows[r].Description, MaxRowDescription, required: false);
                }
            }

            Unique(errors, "interactive.sections", rows.Select(r => r.Id));
        }
        else
        {
            errors.Add(new("interactive.kind", "'interactive.kind' must be 'button' or 'list'."));
        }
    }

    private static void Length(List<FieldError> errors, string field, string? value, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(new(field, $"'{field}' is required."));
            }
        }
        else if (value.Length > max)
        {
            errors.Add(new(field, $"'{field}' is {value.Length} characters; WhatsApp allows at most {max}."));
        }
    }

    private static void Unique(List<FieldError> errors, string field, IEnumerable<string> ids)
    {
        var duplicate = ids.Where(id => !string.IsNullOrEmpty(id)).GroupBy(id => id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            errors.Add(new(field, $"The id '{duplicate.Key}' is used twice; ids must be unique."));
        }
    }
}
