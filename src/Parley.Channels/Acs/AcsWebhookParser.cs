using System.Globalization;
using System.Text;
using System.Text.Json;
using Parley.Core.Contacts;
using Parley.Core.Messaging;

namespace Parley.Channels.Acs;

/// <summary>
/// Reads ACS Advanced Messaging events in either delivery schema: Event Grid (an array of
/// <c>{id, eventType, eventTime, subject, data}</c>) or CloudEvents 1.0 (<c>{id, type, time, source, data}</c>, one event or a
/// batch array). Property names are matched case-insensitively: the official CloudEvents examples spell <c>specVersion</c>.
/// </summary>
/// <remarks>
/// Received messages become <see cref="InboundMessage"/>s whose provider id is <c>data.messageId</c>, or the event id when
/// the event has none (the documented Event Grid examples carry none; Event Grid keeps the event id on redelivery).
/// Unknown message kinds are kept as <see cref="MessageTypes.Unknown"/> with <c>data</c> in <see cref="MessageContent.Extra"/>.
/// Delivery statuses map <c>Sent</c>/<c>Delivered</c>/<c>Read</c>/<c>Failed</c> in any case; other statuses (the SDKs also
/// name <c>Warning</c> and <c>Unknown</c>), unknown event types and events for another channel registration are recorded
/// in <see cref="InboundBatch.OtherEvents"/> and acknowledged.
/// </remarks>
public static class AcsWebhookParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <param name="channelRegistrationId">The account's channel: events addressed to another channel of the same ACS resource are not this account's.</param>
    /// <exception cref="AcsWebhookFormatException">The body is not JSON, or not events.</exception>
    public static AcsWebhookParseResult Parse(string accountId, ReadOnlyMemory<byte> body, string? contentType, string? channelRegistrationId, DateTimeOffset now)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new AcsWebhookFormatException($"Malformed JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            var events = root.ValueKind switch
            {
                JsonValueKind.Array => root.EnumerateArray().ToList(),
                JsonValueKind.Object => [root],
                _ => throw new AcsWebhookFormatException("The body must be an event (a JSON object) or an array of events."),
            };

            var messages = new List<InboundMessage>();
            var statuses = new List<StatusUpdate>();
            var other = new List<string>();
            string? validationCode = null;
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                if (e.ValueKind != JsonValueKind.Object)
                {
                    throw new AcsWebhookFormatException($"Element {i} of the array is not an event object.");
                }

                var envelope = Envelope.Read(e)
                    ?? throw new AcsWebhookFormatException($"Element {i} is neither an Event Grid event nor a CloudEvent: it has no 'eventType' or 'type'.");
                switch (envelope.Type)
                {
                    case AcsEventTypes.MessageReceived:
                        if (ReadMessage(envelope, channelRegistrationId, now, out var reason) is { } message)
                        {
                            messages.Add(message);
                        }
                        else
                        {
                            other.Add($"{envelope.Describe()}: {reason}");
                        }

                        break;
                    case AcsEventTypes.DeliveryStatusUpdated:
                        if (ReadStatus(envelope, channelRegistrationId, now, out reason) is { } status)
                        {
                            statuses.Add(status);
                        }
                        else
                        {
                            other.Add($"{envelope.Describe()}: {reason}");
                        }

                        break;
                    case AcsEventTypes.SubscriptionValidation:
                        validationCode ??= Str(envelope.Data, "validationCode");
                        other.Add(envelope.Describe());
                        break;
                    default:
                        other.Add(envelope.Describe());
                        break;
                }
            }

            var raw = Encoding.UTF8.GetString(body.Span);
            return new AcsWebhookParseResult
            {
                ValidationCode = validationCode,
                Batch = new InboundBatch(accountId, Providers.Acs, raw)
                {
                    Messages = messages,
                    Statuses = statuses,
                    OtherEvents = other,
                    ContentType = contentType,
                },
            };
        }
    }

    private static InboundMessage? ReadMessage(Envelope e, string? channelRegistrationId, DateTimeOffset now, out string reason)
    {
        var data = e.Data;
        if (data is null)
        {
            reason = "no 'data' object";
            return null;
        }

        if (IsForAnotherChannel(Str(data, "to"), channelRegistrationId))
        {
            reason = "addressed to another channel registration";
            return null;
        }

        var from = Str(data, "from")?.Trim();
        if (string.IsNullOrEmpty(from))
        {
            reason = "no sender ('from')";
            return null;
        }

        var providerId = Str(data, "messageId") ?? e.Id;
        if (string.IsNullOrEmpty(providerId))
        {
            reason = "neither 'data.messageId' nor an event id";
            return null;
        }

        reason = "";
        var timestamp = Time(data, "receivedTimestamp") ?? e.At ?? now;
        return new InboundMessage(providerId, Contact(from), Content(data.Value), timestamp) { Raw = e.Raw };
    }

    /// <summary>
    /// ACS names the sender by digits without '+' (or E.164): the contact is keyed like every provider's
    /// (<see cref="ContactKey"/>), so the API's lookups by phone find ACS contacts too.
    /// </summary>
    private static ContactRef Contact(string from)
    {
        var parsed = from.All(char.IsAsciiDigit)
            ? PhoneNumber.TryParseWaId(from, out var number)
            : PhoneNumber.TryParse(from, null, out number);
        return parsed
            ? new ContactRef(ContactKey.For(number)) { Phone = number.ToE164() }
            : new ContactRef(from); // Kept as ACS wrote it rather than dropped: an id that is not a phone number.
    }

    private static MessageContent Content(JsonElement data)
    {
        var kind = Str(data, "messageType")?.Trim().ToLowerInvariant();
        var context = Prop(data, "context") is { ValueKind: JsonValueKind.Object } c ? Str(c, "id") : null;
        var text = Str(data, "content");
        MessageContent content = kind switch
        {
            "text" => new MessageContent { Type = MessageTypes.Text, Text = text ?? "" },
            MessageTypes.Image or MessageTypes.Video or MessageTypes.Audio or MessageTypes.Document or MessageTypes.Sticker => Media(kind, data, text),
            "interactive" => Interactive(data) ?? Unknown(data, text),
            "button" => TemplateButton(data) ?? Unknown(data, text),
            "reaction" => Reaction(data) ?? Unknown(data, text),
            _ => Unknown(data, text),
        };
        return content with { ContextMessageId = context };
    }

    private static MessageContent Media(string kind, JsonElement data, string? text)
    {
        var media = Prop(data, "media");
        if (media is not { ValueKind: JsonValueKind.Object } m)
        {
            return new MessageContent { Type = kind, Text = text, Extra = data.Clone() };
        }

        var mime = Str(m, "mimeType");
        var caption = Str(m, "caption");
        return new MessageContent
        {
            Type = kind,
            Text = caption ?? text,
            Media = new MediaInfo
            {
                Id = Str(m, "id"),
                MimeType = mime,
                FileName = Str(m, "fileName"),
                // ACS does not flag voice notes; WhatsApp records them as Ogg/Opus (the sandbox uses the same rule).
                Voice = kind == MessageTypes.Audio && mime?.StartsWith("audio/ogg", StringComparison.OrdinalIgnoreCase) == true,
            },
        };
    }

    private static MessageContent? Interactive(JsonElement data)
    {
        if (Prop(data, "interactive") is not { ValueKind: JsonValueKind.Object } interactive)
        {
            return null;
        }

        var type = Str(interactive, "type");
        if (string.Equals(type, "buttonReply", StringComparison.OrdinalIgnoreCase) && Prop(interactive, "buttonReply") is { ValueKind: JsonValueKind.Object } button && Str(button, "id") is { } buttonId)
        {
            return new MessageContent { Type = MessageTypes.Interactive, Reply = new InteractiveReply(buttonId, Str(button, "title")) { Kind = "button_reply" } };
        }

        if (string.Equals(type, "listReply", StringComparison.OrdinalIgnoreCase) && Prop(interactive, "listReply") is { ValueKind: JsonValueKind.Object } row && Str(row, "id") is { } rowId)
        {
            return new MessageContent
            {
                Type = MessageTypes.Interactive,
                Reply = new InteractiveReply(rowId, Str(row, "title")) { Description = Str(row, "description"), Kind = "list_reply" },
            };
        }

        return null;
    }

    /// <summary>A template's quick-reply button: ACS's <c>button {text, payload}</c>; the payload is the choice's id.</summary>
    private static MessageContent? TemplateButton(JsonElement data)
    {
        if (Prop(data, "button") is not { ValueKind: JsonValueKind.Object } button)
        {
            return null;
        }

        var title = Str(button, "text");
        var id = Str(button, "payload") ?? title;
        return id is null
            ? null
            : new MessageContent { Type = MessageTypes.Button, Text = title, Reply = new InteractiveReply(id, title) { Kind = "quick_reply" } };
    }

    private static MessageContent? Reaction(JsonElement data) =>
        Prop(data, "reaction") is { ValueKind: JsonValueKind.Object } reaction && Str(reaction, "messageId") is { } target
            ? new MessageContent { Type = MessageTypes.Reaction, Reaction = new ReactionInfo(target, Str(reaction, "emoji")) }
            : null;

    private static MessageContent Unknown(JsonElement data, string? text) =>
        new() { Type = MessageTypes.Unknown, Text = text, Extra = data.Clone() };

    private static StatusUpdate? ReadStatus(Envelope e, string? channelRegistrationId, DateTimeOffset now, out string reason)
    {
        var data = e.Data;
        if (data is null)
        {
            reason = "no 'data' object";
            return null;
        }

        if (IsForAnotherChannel(Str(data, "from"), channelRegistrationId))
        {
            reason = "sent from another channel registration";
            return null;
        }

        var wire = Str(data, "status");
        MessageStatus? status = wire?.Trim().ToLowerInvariant() switch
        {
            "sent" => MessageStatus.Sent,
            "delivered" => MessageStatus.Delivered,
            "read" => MessageStatus.Read,
            "failed" => MessageStatus.Failed,
            _ => null,
        };
        if (status is null)
        {
            reason = $"status '{wire}' is not one Parley tracks";
            return null;
        }

        // The message id is the one the send returned; the subject repeats it (advancedMessage/{id}/status/{status}).
        var providerId = Str(data, "messageId") ?? MessageIdFromSubject(e.Subject);
        if (string.IsNullOrEmpty(providerId))
        {
            reason = "no 'data.messageId'";
            return null;
        }

        reason = "";
        var error = Prop(data, "error") is { ValueKind: JsonValueKind.Object } err ? err : (JsonElement?)null;
        return new StatusUpdate(providerId, status.Value, Time(data, "receivedTimestamp") ?? e.At ?? now)
        {
            ErrorCode = error is null ? null : Str(error, "channelCode"),
            ErrorReason = error is null ? null : Str(error, "channelMessage"),
            RecipientId = Str(data, "to"),
            Raw = e.Raw,
        };
    }

    private static string? MessageIdFromSubject(string? subject)
    {
        var parts = subject?.Split('/');
        return parts is { Length: 4 } && parts[0] == "advancedMessage" && parts[2] == "status" && parts[1].Length > 0 ? parts[1] : null;
    }

    private static bool IsForAnotherChannel(string? channel, string? accountChannel) =>
        Guid.TryParse(channel, out var eventChannel) && Guid.TryParse(accountChannel, out var mine) && eventChannel != mine;

    private static JsonElement? Prop(JsonElement? obj, string name)
    {
        if (obj is not { ValueKind: JsonValueKind.Object } o)
        {
            return null;
        }

        if (o.TryGetProperty(name, out var exact))
        {
            return exact;
        }

        foreach (var p in o.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return null;
    }

    private static string? Str(JsonElement? obj, string name) => Prop(obj, name) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    private static DateTimeOffset? Time(JsonElement? obj, string name)
    {
        if (Prop(obj, name) is not { ValueKind: JsonValueKind.String } value)
        {
            return null;
        }

        if (value.TryGetDateTimeOffset(out var parsed))
        {
            return parsed;
        }

        return DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out parsed) ? parsed : null;
    }

    /// <summary>The fields both schemas share, under either schema's names.</summary>
    private sealed record Envelope(string Type, string? Id, DateTimeOffset? At, string? Subject, JsonElement? Data, string Raw)
    {
        public static Envelope? Read(JsonElement e)
        {
            // Event Grid: eventType/eventTime; CloudEvents: type/time (and data, or data_base64 for binary data).
            var type = Str(e, "eventType") ?? Str(e, "type");
            if (string.IsNullOrWhiteSpace(type))
            {
                return null;
            }

            var data = Prop(e, "data");
            if (data is not { ValueKind: JsonValueKind.Object } && Str(e, "data_base64") is { } base64)
            {
                data = DecodeBase64Data(base64);
            }

            return new Envelope(type.Trim(), Str(e, "id"), AcsWebhookParser.Time(e, "eventTime") ?? AcsWebhookParser.Time(e, "time"), Str(e, "subject"),
                data is { ValueKind: JsonValueKind.Object } ? data.Value.Clone() : null, e.GetRawText());
        }

        public string Describe() => Id is null ? Type : $"{Type} {Id}";

        private static JsonElement? DecodeBase64Data(string base64)
        {
            try
            {
                using var doc = JsonDocument.Parse(Convert.FromBase64String(base64), DocumentOptions);
                return doc.RootElement.Clone();
            }
            catch (Exception ex) when (ex is FormatException or JsonException)
            {
                return null;
            }
        }
    }
}
