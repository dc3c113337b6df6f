using System.Globalization;
using System.Text.Json.Nodes;
using Parley.Core.Messaging;

namespace Parley.Channels.Acs;

/// <summary>
/// Turns Parley's <see cref="MessageContent"/> into the body of <c>POST /messages/notifications:send</c>, following the
/// official x-ms-examples: <c>{channelRegistrationId, to: ["+E164"], kind, …}</c> with <c>content</c> (text),
/// <c>mediaUri</c>/<c>caption</c>/<c>fileName</c> (media), <c>template</c>, <c>interactiveMessage</c> or <c>emoji</c>/<c>messageId</c> (reaction).
/// </summary>
/// <remarks>
/// What ACS cannot express is refused with a reason rather than sent half-right: location and contact messages (the
/// Messages API has no such kinds), media without a public URL (ACS fetches media from <c>mediaUri</c>; it has no upload),
/// template buttons other than quick replies and URL suffixes. A quoted reply (<see cref="MessageContent.ContextMessageId"/>)
/// and a link preview flag have no field in the API and are sent without.
/// </remarks>
public static class AcsMessageMapper
{
    public const string Unsupported = "acs_unsupported";
    public const string Invalid = "acs_invalid_message";

    public static bool TryMap(MessageContent content, string channelRegistrationId, string toE164, out AcsNotification notification, out string errorCode, out string reason)
    {
        ArgumentNullException.ThrowIfNull(content);
        notification = null!;
        errorCode = "";
        reason = "";
        var body = new JsonObject
        {
            ["channelRegistrationId"] = channelRegistrationId,
            ["to"] = new JsonArray(toE164),
        };

        string? problem;
        string kind;
        string version = AcsApiVersions.Ga;
        switch (content.Type)
        {
            case MessageTypes.Text:
                kind = "text";
                problem = string.IsNullOrEmpty(content.Text) ? "A text message needs text." : null;
                body["kind"] = kind;
                body["content"] = content.Text;
                break;
            case MessageTypes.Image or MessageTypes.Video or MessageTypes.Audio or MessageTypes.Document or MessageTypes.Sticker:
                kind = content.Type;
                version = kind == MessageTypes.Sticker ? AcsApiVersions.ReactionAndSticker : AcsApiVersions.Ga;
                problem = Media(content, kind, body);
                break;
            case MessageTypes.Interactive:
                kind = "interactive";
                version = AcsApiVersions.Interactive;
                problem = Interactive(content, body);
                break;
            case MessageTypes.Template:
                kind = "template";
                problem = Template(content, body);
                break;
            case MessageTypes.Reaction:
                kind = "reaction";
                version = AcsApiVersions.ReactionAndSticker;
                problem = content.Reaction is null || string.IsNullOrEmpty(content.Reaction.MessageId) ? "A reaction needs the id of the message it reacts to." : null;
                body["kind"] = kind;
                body["emoji"] = content.Reaction?.Emoji ?? "";
                body["messageId"] = content.Reaction?.MessageId;
                break;
            case MessageTypes.Location:
                errorCode = Unsupported;
                reason = "ACS Advanced Messaging cannot send a location message: the Messages API has no 'location' kind. Send the place as text, or a template with a location header.";
                return false;
            case MessageTypes.Contacts:
                errorCode = Unsupported;
                reason = "ACS Advanced Messaging cannot send contact cards: the Messages API has no 'contacts' kind. Send the contact as text.";
                return false;
            default:
                errorCode = Unsupported;
                reason = $"ACS Advanced Messaging cannot send a '{content.Type}' message.";
                return false;
        }

        if (problem is not null)
        {
            // Reasons that name ACS describe what the API cannot do; the others, what the message lacks.
            errorCode = problem.StartsWith("ACS", StringComparison.Ordinal) ? Unsupported : Invalid;
            reason = problem;
            return false;
        }

        notification = new AcsNotification(kind, version, body);
        return true;
    }

    private static string? Media(MessageContent content, string kind, JsonObject body)
    {
        var url = content.Media?.Url;
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return $"ACS sends media from a public URL ('mediaUri') and has no upload; this {kind} has no http(s) URL.";
        }

        body["kind"] = kind;
        body["mediaUri"] = url;
        // WhatsApp shows captions on images, videos and documents; audio and stickers have none.
        if (kind is MessageTypes.Image or MessageTypes.Video or MessageTypes.Document && !string.IsNullOrEmpty(content.Text))
        {
            body["caption"] = content.Text;
        }

        if (kind == MessageTypes.Document && !string.IsNullOrEmpty(content.Media!.FileName))
        {
            body["fileName"] = content.Media.FileName;
        }

        return null;
    }

    private static string? Interactive(MessageContent content, JsonObject body)
    {
        var interactive = content.Interactive;
        if (interactive is null)
        {
            return "An interactive message needs buttons or a list.";
        }

        if (string.IsNullOrEmpty(content.Text))
        {
            return "An interactive message needs a body text.";
        }

        JsonObject bindings;
        if (interactive.Kind == InteractiveContent.ButtonKind)
        {
            if (interactive.Buttons is not { Count: > 0 } buttons)
            {
                return "Reply buttons need at least one button.";
            }

            var actions = new JsonArray();
            foreach (var b in buttons)
            {
                actions.Add(new JsonObject { ["kind"] = "button", ["id"] = b.Id, ["title"] = b.Title });
            }

            bindings = new JsonObject { ["actionBindingKind"] = "whatsAppButton", ["actions"] = actions };
        }
        else if (interactive.Kind == InteractiveContent.ListKind)
        {
            if (interactive.Sections is not { Count: > 0 } sections || sections.All(s => s.Rows.Count == 0))
            {
                return "A list needs at least one section with rows.";
            }

            var options = new JsonArray();
            foreach (var section in sections)
            {
                var rows = new JsonArray();
                foreach (var row in section.Rows)
                {
                    var r = new JsonObject { ["id"] = row.Id, ["title"] = row.Title };
                    if (!string.IsNullOrEmpty(row.Description))
                    {
                        // The spec's ListOptionRow names this 'rows' by mistake; the official example and the SDKs send 'description'.
                        r["description"] = row.Description;
                    }

                    rows.Add(r);
                }

                options.Add(new JsonObject { ["title"] = section.Title ?? "", ["rows"] = rows });
            }

            var list = new JsonObject { ["kind"] = "list", ["title"] = string.IsNullOrEmpty(interactive.ListButton) ? "Options" : interactive.ListButton, ["options"] = options };
            bindings = new JsonObject { ["actionBindingKind"] = "whatsAppList", ["actions"] = new JsonArray(list) };
        }
        else
        {
            return $"ACS interactive messages are reply buttons or lists, not '{interactive.Kind}'.";
        }

        var message = new JsonObject();
        if (!string.IsNullOrEmpty(interactive.Header))
        {
            message["header"] = TextPart(interactive.Header);
        }

        message["body"] = TextPart(content.Text);
        if (!string.IsNullOrEmpty(interactive.Footer))
        {
            message["footer"] = TextPart(interactive.Footer);
        }

        message["actionBindings"] = bindings;
        body["kind"] = "interactive";
        body["interactiveMessage"] = message;
        return null;
    }

    private static JsonObject TextPart(string text) => new() { ["kind"] = "text", ["text"] = text };

    /// <summary>
    /// ACS binds named values to template slots. Parley's parameters are positional, so values are named by slot and
    /// position: <c>header1…</c>, <c>headerMedia</c>, <c>body1…</c>, <c>button{index}</c>, bound in that order.
    /// </summary>
    private static string? Template(MessageContent content, JsonObject body)
    {
        var template = content.Template;
        if (template is null || string.IsNullOrWhiteSpace(template.Name) || string.IsNullOrWhiteSpace(template.Language))
        {
            return "A template message needs the template's name and language.";
        }

        var values = new JsonArray();
        var header = new JsonArray();
        var bodyRefs = new JsonArray();
        var buttons = new JsonArray();

        var i = 0;
        foreach (var text in template.HeaderParameters ?? [])
        {
            var name = $"header{++i}";
            values.Add(new JsonObject { ["name"] = name, ["kind"] = "text", ["text"] = text });
            header.Add(new JsonObject { ["refValue"] = name });
        }

        if (template.HeaderMedia is { } media)
        {
            if (string.IsNullOrWhiteSpace(media.Url))
            {
                return "ACS sends template header media from a public URL; this header media has no URL.";
            }

            var kind = media.MimeType switch
            {
                { } m when m.StartsWith("image/", StringComparison.OrdinalIgnoreCase) => "image",
                { } m when m.StartsWith("video/", StringComparison.OrdinalIgnoreCase) => "video",
                _ => "document",
            };
            var value = new JsonObject { ["name"] = "headerMedia", ["kind"] = kind, ["url"] = media.Url };
            if (kind == "document" && !string.IsNullOrEmpty(media.FileName))
            {
                value["fileName"] = media.FileName;
            }

            values.Add(value);
            header.Add(new JsonObject { ["refValue"] = "headerMedia" });
        }

        i = 0;
        foreach (var text in template.BodyParameters ?? [])
        {
            var name = $"body{++i}";
            values.Add(new JsonObject { ["name"] = name, ["kind"] = "text", ["text"] = text });
            bodyRefs.Add(new JsonObject { ["refValue"] = name });
        }

        foreach (var button in (template.Buttons ?? []).OrderBy(b => b.Index))
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"button{button.Index}");
            switch (button.SubType.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant())
            {
                case "quickreply" or "payload":
                    values.Add(new JsonObject { ["name"] = name, ["kind"] = "quickAction", ["payload"] = button.Value });
                    buttons.Add(new JsonObject { ["subType"] = "quickReply", ["refValue"] = name });
                    break;
                case "url":
                    values.Add(new JsonObject { ["name"] = name, ["kind"] = "text", ["text"] = button.Value });
                    buttons.Add(new JsonObject { ["subType"] = "url", ["refValue"] = name });
                    break;
                default:
                    return $"ACS template buttons are quick replies or URLs; a '{button.SubType}' button cannot be sent.";
            }
        }

        var t = new JsonObject { ["name"] = template.Name, ["language"] = template.Language };
        if (values.Count > 0)
        {
            var bindings = new JsonObject { ["kind"] = "whatsApp" };
            if (header.Count > 0)
            {
                bindings["header"] = header;
            }

            if (bodyRefs.Count > 0)
            {
                bindings["body"] = bodyRefs;
            }

            if (buttons.Count > 0)
            {
                bindings["buttons"] = buttons;
            }

            t["values"] = values;
            t["bindings"] = bindings;
        }

        body["kind"] = "template";
        body["template"] = t;
        return null;
    }
}
