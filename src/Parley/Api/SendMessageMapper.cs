using Parley.Core;
using Parley.Core.Messaging;
using Parley.Core.Outbound.Sending;

namespace Parley.Api;

/// <summary>Turns the API's send request into the core's send command, naming each field that is wrong.</summary>
internal static class SendMessageMapper
{
    /// <summary>The types the send API takes.</summary>
    public static readonly IReadOnlyList<string> SendableTypes =
    [
        MessageTypes.Text, MessageTypes.Image, MessageTypes.Audio, MessageTypes.Video, MessageTypes.Document, MessageTypes.Sticker,
        MessageTypes.Template, MessageTypes.Interactive, MessageTypes.Location, MessageTypes.Reaction, MessageTypes.Contacts,
    ];

    public static (SendCommand? Command, List<FieldError> Errors) ToCommand(SendMessageRequest r, string? idempotencyHeader)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(r.Account))
        {
            errors.Add(new("account", "'account' is required: the id of the account to send from."));
        }

        if (string.IsNullOrWhiteSpace(r.To))
        {
            errors.Add(new("to", "'to' is required: a phone number in international form, like +15550001111."));
        }

        var type = r.Type?.Trim().ToLowerInvariant() ?? Infer(r);
        if (type is null)
        {
            errors.Add(new("type", $"'type' is required: one of {string.Join(", ", SendableTypes)}."));
        }
        else if (!SendableTypes.Contains(type))
        {
            errors.Add(new("type", $"'type' must be one of {string.Join(", ", SendableTypes)}."));
        }

        long? replyTo = null;
        if (r.ReplyTo is { Length: > 0 } reply)
        {
            if (long.TryParse(reply, out var id))
            {
                replyTo = id;
            }
            else
            {
                errors.Add(new("replyTo", "'replyTo' must be the id of a Parley message."));
            }
        }

        var key = r.IdempotencyKey ?? idempotencyHeader;
        if (key is { Length: > 200 })
        {
            errors.Add(new("idempotencyKey", "'idempotencyKey' may be at most 200 characters."));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var content = new MessageContent
        {
            Type = type!,
            Text = string.IsNullOrEmpty(r.Text) ? null : r.Text,
            PreviewUrl = r.PreviewUrl ?? false,
            Media = ToMedia(r.Media),
            Contacts = r.Contacts,
            Location = r.Location is { } l ? new LocationInfo(l.Latitude, l.Longitude) { Name = l.Name, Address = l.Address } : null,
            Reaction = r.Reaction is { } re ? new ReactionInfo(re.MessageId ?? "", re.Emoji) : null,
            Interactive = r.Interactive is { } i
                ? new InteractiveContent
                {
                    Kind = i.Kind?.Trim().ToLowerInvariant() ?? (i.Sections is { Count: > 0 } ? InteractiveContent.ListKind : InteractiveContent.ButtonKind),
                    Header = i.Header,
                    Footer = i.Footer,
                    Buttons = i.Buttons,
                    ListButton = i.ListButton,
                    Sections = i.Sections,
                }
                : null,
            Template = r.Template is { } t
                ? new TemplateContent(t.Name?.Trim() ?? "", t.Language?.Trim() ?? "")
                {
                    BodyParameters = t.Parameters,
                    HeaderParameters = t.HeaderParameters,
                    HeaderMedia = ToMedia(t.HeaderMedia),
                    Buttons = t.Buttons,
                }
                : null,
        };
        return (new SendCommand(r.Account!.Trim(), r.To!.Trim(), content)
        {
            IdempotencyKey = key,
            ReplyToMessageId = replyTo,
            NamedTemplateParameters = r.Template?.NamedParameters,
            Source = "api",
        }, errors);
    }

    private static MediaInfo? ToMedia(SendMedia? m) =>
        m is null ? null : new MediaInfo { Url = m.Url, Id = m.Id, StoredId = m.StoredId, MimeType = m.MimeType, FileName = m.FileName };

    private static string? Infer(SendMessageRequest r)
    {
        var parts = new List<string>();
        if (r.Template is not null)
        {
            parts.Add(MessageTypes.Template);
        }

        if (r.Interactive is not null)
        {
            parts.Add(MessageTypes.Interactive);
        }

        if (r.Location is not null)
        {
            parts.Add(MessageTypes.Location);
        }

        if (r.Reaction is not null)
        {
            parts.Add(MessageTypes.Reaction);
        }

        if (r.Contacts is not null)
        {
            parts.Add(MessageTypes.Contacts);
        }

        if (r.Media is not null)
        {
            return null; // image, video, document...: the type must be said
        }

        return parts.Count switch
        {
            1 => parts[0],
            0 when !string.IsNullOrEmpty(r.Text) => MessageTypes.Text,
            _ => null,
        };
    }
}
