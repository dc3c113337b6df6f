using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Parley.Core.Messaging;
using Parley.Core.Outbound.Validation;

namespace Parley.Channels.Twilio;

/// <summary>
/// Maps <see cref="MessageContent"/> to Twilio's Messages API form fields. Decisions, each one because of what
/// Twilio can express:
/// <list type="bullet">
/// <item>Text over 1,600 characters (Twilio's <c>Body</c> limit) is split at paragraph/sentence/word boundaries
/// and sent as several messages, in order.</item>
/// <item>Media goes by public URL (<c>MediaUrl</c>). A caption rides along for images only: Twilio ignores
/// <c>Body</c> on WhatsApp video, audio and documents, so their caption follows as a text message.</item>
/// <item>Templates need a Content SID (<c>ContentSid</c>, from <see cref="TemplateContent.ProviderTemplateId"/>); body
/// parameters become <c>ContentVariables</c> <c>{"1": …, "2": …}</c>.</item>
/// <item>Reply buttons and lists need a Content template created in Twilio beforehand; Parley's ad-hoc interactive
/// messages have none, so they are sent as text with numbered options (the contact answers by typing).</item>
/// <item>Contact cards become text (Twilio would need a hosted vCard file).</item>
/// <item>Location uses <c>PersistentAction=geo:lat,long|label</c>.</item>
/// <item>Reactions, media known only by a provider id, and other types Twilio has no field for are rejected with
/// a reason naming the limitation.</item>
/// </list>
/// </summary>
public static class TwilioMessageBuilder
{
    /// <summary>Twilio's limit for <c>Body</c>.</summary>
    public const int MaxBodyLength = 1600;

    // Variables are read by Twilio, not a browser: keep accents and emoji as they are.
    private static readonly JsonSerializerOptions VariablesJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TwilioSendPlan Build(MessageContent content) => content.Type switch
    {
        MessageTypes.Text => Text(content.Text),
        MessageTypes.Image or MessageTypes.Video or MessageTypes.Audio or MessageTypes.Document or MessageTypes.Sticker => Media(content),
        MessageTypes.Location => Location(content),
        MessageTypes.Template => Template(content.Template),
        MessageTypes.Interactive => Interactive(content),
        MessageTypes.Contacts => Contacts(content),
        MessageTypes.Reaction => TwilioSendPlan.Reject("unsupported_reaction",
            "Twilio's Messages API cannot send WhatsApp reactions: it has no field for them, so the reaction was not sent."),
        _ => TwilioSendPlan.Reject("unsupported_type", $"Twilio's Messages API cannot send a message of type '{content.Type}'."),
    };

    private static TwilioSendPlan Text(string? text) => string.IsNullOrWhiteSpace(text)
        ? TwilioSendPlan.Reject("empty_text", "The message has no text to send.")
        : new TwilioSendPlan(TextParts(text));

    private static List<IReadOnlyList<KeyValuePair<string, string>>> TextParts(string text) =>
        [.. TextSplitter.Split(text, MaxBodyLength).Select(part => (IReadOnlyList<KeyValuePair<string, string>>)[Field("Body", part)])];

    private static TwilioSendPlan Media(MessageContent content)
    {
        var media = content.Media;
        if (media?.Url is not { Length: > 0 } url)
        {
            var which = media?.Id ?? media?.StoredId;
            var what = content.Type == MessageTypes.Sticker ? "a sticker" : $"{content.Type} media";
            return TwilioSendPlan.Reject("media_needs_url",
                $"Twilio sends media only from a public URL (MediaUrl) and cannot send {what} by id{(which is null ? "" : $" ('{which}')")}: give the media a URL.");
        }

        var caption = string.IsNullOrWhiteSpace(content.Text) ? null : content.Text;
        if (content.Type == MessageTypes.Image && caption is not null && caption.Length <= MaxBodyLength)
        {
            return new TwilioSendPlan([[Field("Body", caption), Field("MediaUrl", url)]]);
        }

        var parts = new List<IReadOnlyList<KeyValuePair<string, string>>> { new[] { Field("MediaUrl", url) } };
        if (caption is not null)
        {
            parts.AddRange(TextParts(caption));
        }

        return new TwilioSendPlan(parts, caption is null ? null : $"the caption of {content.Type} media was sent as a separate text message");
    }

    private static TwilioSendPlan Location(MessageContent content)
    {
        if (content.Location is not { } location)
        {
            return TwilioSendPlan.Reject("invalid_location", "The location message has no coordinates.");
        }

        var coordinates = string.Create(CultureInfo.InvariantCulture, $"{location.Latitude},{location.Longitude}");
        // '|' separates the label in Twilio's geo action; keep it out of the label itself.
        var label = (location.Name ?? location.Address)?.Replace('|', '/');
        var action = label is null ? $"geo:{coordinates}" : $"geo:{coordinates}|{label}";
        var body = content.Text ?? JoinLines(location.Name, location.Address) ?? coordinates;
        return new TwilioSendPlan([[Field("Body", Truncate(body)), Field("PersistentAction", action)]]);
    }

    private static TwilioSendPlan Template(TemplateContent? template)
    {
        if (template is null)
        {
            return TwilioSendPlan.Reject("invalid_template", "The template message has no template.");
        }

        if (string.IsNullOrWhiteSpace(template.ProviderTemplateId))
        {
            return TwilioSendPlan.Reject("template_needs_content_sid",
                $"Twilio needs a Content SID (HX…) to send template '{template.Name}' ({template.Language}): create it in Twilio's Content Template Builder and set it as the template's provider template id.");
        }

        var fields = new List<KeyValuePair<string, string>> { Field("ContentSid", template.ProviderTemplateId.Trim()) };
        if (template.BodyParameters is { Count: > 0 } parameters)
        {
            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < parameters.Count; i++)
            {
                variables[(i + 1).ToString(CultureInfo.InvariantCulture)] = parameters[i];
            }

            fields.Add(Field("ContentVariables", JsonSerializer.Serialize(variables, VariablesJson)));
        }

        // Twilio numbers a Content template's variables freely; only body parameters have an agreed mapping.
        var ignored = new List<string>();
        if (template.HeaderParameters is { Count: > 0 })
        {
            ignored.Add("header parameters");
        }

        if (template.HeaderMedia is not null)
        {
            ignored.Add("header media");
        }

        if (template.Buttons is { Count: > 0 })
        {
            ignored.Add("button parameters");
        }

        var fallback = ignored.Count == 0
            ? null
            : $"template '{template.Name}': {string.Join(", ", ignored)} not sent (a Twilio Content template holds its own header and buttons; only body parameters map to ContentVariables 1..n)";
        return new TwilioSendPlan([fields], fallback);
    }

    private static TwilioSendPlan Interactive(MessageContent content)
    {
        if (content.Interactive is not { } interactive)
        {
            return Text(content.Text);
        }

        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(interactive.Header))
        {
            text.Append('*').Append(interactive.Header.Trim()).Append("*\n");
        }

        if (!string.IsNullOrWhiteSpace(content.Text))
        {
            text.Append(content.Text.Trim()).Append('\n');
        }

        var number = 0;
        if (interactive.Kind == InteractiveContent.ListKind)
        {
            foreach (var section in interactive.Sections ?? [])
            {
                text.Append('\n');
                if (!string.IsNullOrWhiteSpace(section.Title))
                {
                    text.Append('*').Append(section.Title.Trim()).Append("*\n");
                }

                foreach (var row in section.Rows)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{++number}. {row.Title}");
                    text.Append(string.IsNullOrWhiteSpace(row.Description) ? "\n" : $" — {row.Description}\n");
                }
            }
        }
        else
        {
            text.Append('\n');
            foreach (var button in interactive.Buttons ?? [])
            {
                text.Append(CultureInfo.InvariantCulture, $"{++number}. {button.Title}\n");
            }
        }

        if (!string.IsNullOrWhiteSpace(interactive.Footer))
        {
            text.Append('\n').Append('_').Append(interactive.Footer.Trim()).Append('_');
        }

        var rendered = text.ToString().Trim();
        if (rendered.Length == 0)
        {
            return TwilioSendPlan.Reject("empty_text", "The interactive message has no text or options to send.");
        }

        return new TwilioSendPlan(TextParts(rendered),
            $"interactive {interactive.Kind} with {number} options sent as numbered text (Twilio needs a pre-created Content template for buttons and lists)");
    }

    private static TwilioSendPlan Contacts(MessageContent content)
    {
        var cards = content.Contacts ?? [];
        var lines = cards
            .Select(c => JoinLines(c.FormattedName ?? c.Organization, c.Phones is null ? null : string.Join("\n", c.Phones.Select(p => p.Phone))))
            .Where(l => l is not null)
            .ToList();
        if (lines.Count == 0)
        {
            return TwilioSendPlan.Reject("invalid_contacts", "The contacts message has no card to send.");
        }

        return new TwilioSendPlan(TextParts(string.Join("\n\n", lines)),
            $"{cards.Count} contact card(s) sent as text (Twilio sends cards only as a hosted vCard file)");
    }

    private static string? JoinLines(string? a, string? b)
    {
        var lines = new[] { a, b }.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    private static string Truncate(string s) => s.Length <= MaxBodyLength ? s : TextSplitter.Split(s, MaxBodyLength)[0];

    private static KeyValuePair<string, string> Field(string name, string value) => new(name, value);
}
