using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Parley.Core.Messaging;

namespace Parley.Channels.Meta;

/// <summary>
/// Writes the body of <c>POST /{phone-number-id}/messages</c> for a normalized message, in the shapes of Meta's
/// request examples (shared/wire/meta/send-*.json).
/// </summary>
/// <remarks>
/// Template parameters that Parley's model cannot express (currency, date_time, flow or catalog actions, carousels)
/// travel in <see cref="MessageContent.Extra"/> as <c>{"components": [ …Meta component objects… ]}</c>: such a
/// component replaces the one Parley would write for the same header, body or button index, and other types are added.
/// </remarks>
public static class MetaMessagePayload
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Meta accepts UTF-8; escaping only what JSON requires keeps emoji and accents readable in logs and tests.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The JSON body for sending <paramref name="content"/> to <paramref name="to"/>.</summary>
    /// <param name="templateParameterNames">For templates with named parameters: the body's parameter names, in order.</param>
    /// <exception cref="NotSupportedException">The type cannot be sent (inbound-only types, unknown).</exception>
    public static byte[] Build(string to, MessageContent content, IReadOnlyList<string>? templateParameterNames = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("messaging_product", "whatsapp");
            w.WriteString("recipient_type", "individual");
            w.WriteString("to", to);
            w.WriteString("type", content.Type);
            if (!string.IsNullOrEmpty(content.ContextMessageId))
            {
                w.WriteStartObject("context");
                w.WriteString("message_id", content.ContextMessageId);
                w.WriteEndObject();
            }

            switch (content.Type)
            {
                case MessageTypes.Text:
                    w.WriteStartObject("text");
                    w.WriteString("body", content.Text ?? "");
                    w.WriteBoolean("preview_url", content.PreviewUrl);
                    w.WriteEndObject();
                    break;
                case MessageTypes.Image or MessageTypes.Video or MessageTypes.Audio or MessageTypes.Document or MessageTypes.Sticker:
                    WriteMedia(w, content.Type, content.Media ?? throw new NotSupportedException($"A {content.Type} message needs media."),
                        caption: content.Type is MessageTypes.Audio or MessageTypes.Sticker ? null : content.Text,
                        fileName: content.Type == MessageTypes.Document ? content.Media.FileName : null);
                    break;
                case MessageTypes.Location:
                    WriteLocation(w, content.Location ?? throw new NotSupportedException("A location message needs a location."));
                    break;
                case MessageTypes.Contacts:
                    WriteContacts(w, content.Contacts ?? []);
                    break;
                case MessageTypes.Reaction:
                    var reaction = content.Reaction ?? throw new NotSupportedException("A reaction needs the message it reacts to.");
                    w.WriteStartObject("reaction");
                    w.WriteString("message_id", reaction.MessageId);
                    // An empty emoji removes the reaction.
                    w.WriteString("emoji", reaction.Emoji ?? "");
                    w.WriteEndObject();
                    break;
                case MessageTypes.Interactive:
                    WriteInteractive(w, content.Text, content.Interactive ?? throw new NotSupportedException("An interactive message needs buttons or a list."));
                    break;
                case MessageTypes.Template:
                    WriteTemplate(w, content.Template ?? throw new NotSupportedException("A template message needs a template."), content.Extra, templateParameterNames);
                    break;
                default:
                    throw new NotSupportedException($"Messages of type '{content.Type}' cannot be sent through the Cloud API.");
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The body that marks an inbound message read, with WhatsApp's typing indicator when asked.</summary>
    public static byte[] MarkRead(string providerMessageId, bool showTyping)
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("messaging_product", "whatsapp");
            w.WriteString("status", "read");
            w.WriteString("message_id", providerMessageId);
            if (showTyping)
            {
                w.WriteStartObject("typing_indicator");
                w.WriteString("type", "text");
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteMedia(Utf8JsonWriter w, string property, MediaInfo media, string? caption, string? fileName)
    {
        w.WriteStartObject(property);
        WriteMediaReference(w, media);
        if (!string.IsNullOrEmpty(caption))
        {
            w.WriteString("caption", caption);
        }

        if (!string.IsNullOrEmpty(fileName))
        {
            w.WriteString("filename", fileName);
        }

        w.WriteEndObject();
    }

    /// <summary>Uploaded media by <c>id</c>, otherwise by <c>link</c>.</summary>
    private static void WriteMediaReference(Utf8JsonWriter w, MediaInfo media)
    {
        if (!string.IsNullOrEmpty(media.Id))
        {
            w.WriteString("id", media.Id);
        }
        else if (!string.IsNullOrEmpty(media.Url))
        {
            w.WriteString("link", media.Url);
        }
        else
        {
            throw new NotSupportedException("Media needs a Meta media id or a link; upload stored files first.");
        }
    }

    private static void WriteLocation(Utf8JsonWriter w, LocationInfo location)
    {
        w.WriteStartObject("location");
        w.WriteNumber("latitude", location.Latitude);
        w.WriteNumber("longitude", location.Longitude);
        if (!string.IsNullOrEmpty(location.Name))
        {
            w.WriteString("name", location.Name);
        }

        if (!string.IsNullOrEmpty(location.Address))
        {
            w.WriteString("address", location.Address);
        }

        w.WriteEndObject();
    }

    private static void WriteContacts(Utf8JsonWriter w, IReadOnlyList<ContactCard> cards)
    {
        w.WriteStartArray("contacts");
        foreach (var card in cards)
        {
            w.WriteStartObject();
            var formatted = card.FormattedName ?? "";
            w.WriteStartObject("name");
            w.WriteString("formatted_name", formatted);
            // Meta wants one name part besides formatted_name: the first word, and the rest as the last name.
            var space = formatted.Trim().IndexOf(' ', StringComparison.Ordinal);
            w.WriteString("first_name", space > 0 ? formatted.Trim()[..space] : formatted.Trim());
            if (space > 0)
            {
                w.WriteString("last_name", formatted.Trim()[(space + 1)..].Trim());
            }

            w.WriteEndObject();
            if (card.Phones is { Count: > 0 } phones)
            {
                w.WriteStartArray("phones");
                foreach (var phone in phones)
                {
                    w.WriteStartObject();
                    w.WriteString("phone", phone.Phone);
                    if (phone.Type is not null)
                    {
                        w.WriteString("type", phone.Type);
                    }

                    if (phone.WaId is not null)
                    {
                        w.WriteString("wa_id", phone.WaId);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            if (card.Emails is { Count: > 0 } emails)
            {
                w.WriteStartArray("emails");
                foreach (var email in emails)
                {
                    w.WriteStartObject();
                    w.WriteString("email", email);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            if (!string.IsNullOrEmpty(card.Organization))
            {
                w.WriteStartObject("org");
                w.WriteString("company", card.Organization);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteInteractive(Utf8JsonWriter w, string? body, InteractiveContent interactive)
    {
        w.WriteStartObject("interactive");
        w.WriteString("type", interactive.Kind);
        if (!string.IsNullOrEmpty(interactive.Header))
        {
            w.WriteStartObject("header");
            w.WriteString("type", "text");
            w.WriteString("text", interactive.Header);
            w.WriteEndObject();
        }

        w.WriteStartObject("body");
        w.WriteString("text", body ?? "");
        w.WriteEndObject();
        if (!string.IsNullOrEmpty(interactive.Footer))
        {
            w.WriteStartObject("footer");
            w.WriteString("text", interactive.Footer);
            w.WriteEndObject();
        }

        w.WriteStartObject("action");
        if (interactive.Kind == InteractiveContent.ListKind)
        {
            w.WriteString("button", interactive.ListButton ?? "");
            w.WriteStartArray("sections");
            foreach (var section in interactive.Sections ?? [])
            {
                w.WriteStartObject();
                if (!string.IsNullOrEmpty(section.Title))
                {
                    w.WriteString("title", section.Title);
                }

                w.WriteStartArray("rows");
                foreach (var row in section.Rows)
                {
                    w.WriteStartObject();
                    w.WriteString("id", row.Id);
                    w.WriteString("title", row.Title);
                    if (!string.IsNullOrEmpty(row.Description))
                    {
                        w.WriteString("description", row.Description);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }
        else
        {
            w.WriteStartArray("buttons");
            foreach (var button in interactive.Buttons ?? [])
            {
                w.WriteStartObject();
                w.WriteString("type", "reply");
                w.WriteStartObject("reply");
                w.WriteString("id", button.Id);
                w.WriteString("title", button.Title);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteTemplate(Utf8JsonWriter w, TemplateContent template, JsonElement? extra, IReadOnlyList<string>? names)
    {
        var overrides = extra is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty("components", out var c) && c.ValueKind == JsonValueKind.Array
            ? c.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object).ToList()
            : [];
        JsonElement? Override(string type, string? index = null) => overrides
            .Where(o => string.Equals(Prop(o, "type"), type, StringComparison.OrdinalIgnoreCase) && (index is null || Prop(o, "index") == index))
            .Select(o => (JsonElement?)o)
            .FirstOrDefault();

        var components = new List<Action>();
        if (Override("header") is { } header)
        {
            components.Add(() => header.WriteTo(w));
        }
        else if (template.HeaderMedia is { } media)
        {
            components.Add(() => WriteComponent(w, "header", () => WriteHeaderMedia(w, media)));
        }
        else if (template.HeaderParameters is { Count: > 0 } headerTexts)
        {
            components.Add(() => WriteComponent(w, "header", () => WriteTextParameters(w, headerTexts, null)));
        }

        if (Override("body") is { } bodyOverride)
        {
            components.Add(() => bodyOverride.WriteTo(w));
        }
        else if (template.BodyParameters is { Count: > 0 } bodyTexts)
        {
            var named = names is { Count: > 0 } && names.Count == bodyTexts.Count && !names.All(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out _));
            components.Add(() => WriteComponent(w, "body", () => WriteTextParameters(w, bodyTexts, named ? names : null)));
        }

        var buttons = (template.Buttons ?? []).OrderBy(b => b.Index).ToList();
        var buttonIndexes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var button in buttons)
        {
            var index = button.Index.ToString(CultureInfo.InvariantCulture);
            buttonIndexes.Add(index);
            components.Add(Override("button", index) is { } buttonOverride
                ? () => buttonOverride.WriteTo(w)
                : () => WriteButton(w, button, index));
        }

        foreach (var other in overrides)
        {
            var type = Prop(other, "type")?.ToLowerInvariant();
            var taken = type is "header" or "body" || (type == "button" && Prop(other, "index") is { } i && buttonIndexes.Contains(i));
            if (!taken)
            {
                components.Add(() => other.WriteTo(w));
            }
        }

        w.WriteStartObject("template");
        w.WriteString("name", template.Name);
        w.WriteStartObject("language");
        w.WriteString("code", template.Language);
        w.WriteEndObject();
        if (components.Count > 0)
        {
            w.WriteStartArray("components");
            foreach (var write in components)
            {
                write();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteComponent(Utf8JsonWriter w, string type, Action writeParameters)
    {
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteStartArray("parameters");
        writeParameters();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTextParameters(Utf8JsonWriter w, IReadOnlyList<string> values, IReadOnlyList<string>? names)
    {
        for (var i = 0; i < values.Count; i++)
        {
            w.WriteStartObject();
            w.WriteString("type", "text");
            if (names is not null)
            {
                w.WriteString("parameter_name", names[i]);
            }

            w.WriteString("text", values[i]);
            w.WriteEndObject();
        }
    }

    /// <summary>A media header parameter; the media type comes from the MIME type (image when unknown, document when it has a file name).</summary>
    private static void WriteHeaderMedia(Utf8JsonWriter w, MediaInfo media)
    {
        var type = media.MimeType switch
        {
            { } m when m.StartsWith("image/", StringComparison.OrdinalIgnoreCase) => "image",
            { } m when m.StartsWith("video/", StringComparison.OrdinalIgnoreCase) => "video",
            { Length: > 0 } => "document",
            _ when media.FileName is not null => "document",
            _ => "image",
        };
        w.WriteStartObject();
        w.WriteString("type", type);
        WriteMedia(w, type, media, caption: null, fileName: type == "document" ? media.FileName : null);
        w.WriteEndObject();
    }

    private static void WriteButton(Utf8JsonWriter w, TemplateButtonParameter button, string index)
    {
        var subType = button.SubType.ToLowerInvariant();
        w.WriteStartObject();
        w.WriteString("type", "button");
        w.WriteString("sub_type", subType);
        w.WriteString("index", index);
        w.WriteStartArray("parameters");
        w.WriteStartObject();
        switch (subType)
        {
            case "quick_reply":
                w.WriteString("type", "payload");
                w.WriteString("payload", button.Value);
                break;
            case "copy_code":
                w.WriteString("type", "coupon_code");
                w.WriteString("coupon_code", button.Value);
                break;
            case "flow":
                w.WriteString("type", "action");
                w.WriteStartObject("action");
                w.WriteString("flow_token", button.Value);
                w.WriteEndObject();
                break;
            default:
                // url: the dynamic suffix of the button's URL.
                w.WriteString("type", "text");
                w.WriteString("text", button.Value);
                break;
        }

        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string? Prop(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;
}
