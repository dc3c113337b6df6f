using System.Globalization;
using System.Text.Json;
using Parley.Core.Contacts;
using Parley.Core.Messaging;

namespace Parley.Channels.Twilio;

/// <summary>
/// Turns one Twilio webhook form into Parley's inbound batch. The same URL receives incoming messages and
/// status callbacks; they are told apart by the status value (see <see cref="IsStatusCallback"/>).
/// Every field is kept, as JSON, in the message's or status's <c>Raw</c>; nothing is dropped: an incoming message
/// Parley cannot model is stored with type <c>unknown</c>, a callback it cannot map is listed in <c>OtherEvents</c>.
/// </summary>
/// <remarks>
/// Media: Twilio gives <c>NumMedia</c> items per message (WhatsApp users send one at a time; several only arrive
/// over MMS). The first item is the message's <see cref="MessageContent.Media"/> (with <c>Body</c> as its caption);
/// each further item N becomes its own inbound message with id <c>{MessageSid}/{N}</c>, so every item is stored,
/// fetched and shown like any other media message, and a redelivery stays a no-op for all of them.
/// </remarks>
public static class TwilioWebhookParser
{
    /// <summary>Statuses of Parley's own (outbound) messages; <c>received</c>/<c>receiving</c> belong to inbound ones.</summary>
    private static readonly HashSet<string> OutboundStatuses = new(StringComparer.OrdinalIgnoreCase)
    {
        "queued", "sending", "sent", "delivered", "undelivered", "failed", "read",
        "accepted", "scheduled", "canceled", "partially_delivered",
    };

    private static readonly HashSet<string> InboundStatuses = new(StringComparer.OrdinalIgnoreCase) { "received", "receiving" };

    public static InboundBatch Parse(string accountId, TwilioForm form, string rawBody, string? contentType, DateTimeOffset now)
    {
        var batch = new InboundBatch(accountId, Providers.Twilio, rawBody) { ContentType = contentType };
        var raw = form.ToJson();
        var sid = form.Value("MessageSid") ?? form.Value("SmsMessageSid") ?? form.Value("SmsSid");
        if (sid is null)
        {
            return batch with { OtherEvents = ["twilio:no-message-sid"] };
        }

        if (IsStatusCallback(form))
        {
            return ToStatus(batch, form, sid, raw, now);
        }

        return batch with { Messages = ToMessages(form, sid, raw, now) };
    }

    /// <summary>
    /// A status callback carries <c>MessageStatus</c> (and the older <c>SmsStatus</c>) with one of the statuses of an
    /// outbound message; an incoming message carries <c>SmsStatus=received</c> and its content (<c>Body</c>,
    /// <c>NumMedia</c>). The status value decides, because either kind may gain fields without notice. A status
    /// value Parley does not know counts as a callback only when the request carries no message content.
    /// </summary>
    public static bool IsStatusCallback(TwilioForm form)
    {
        var status = form.Value("MessageStatus") ?? form.Value("SmsStatus");
        if (status is null || InboundStatuses.Contains(status))
        {
            return false;
        }

        return OutboundStatuses.Contains(status) || !(form.Has("Body") || form.Has("NumMedia"));
    }

    private static InboundBatch ToStatus(InboundBatch batch, TwilioForm form, string sid, string raw, DateTimeOffset now)
    {
        var wire = (form.Value("MessageStatus") ?? form.Value("SmsStatus"))!.ToLowerInvariant();
        // WhatsApp read receipts may come as a post-delivery event rather than a status.
        if (string.Equals(form.Value("EventType"), "READ", StringComparison.OrdinalIgnoreCase))
        {
            wire = "read";
        }

        MessageStatus? status = wire switch
        {
            "sent" => MessageStatus.Sent,
            "delivered" => MessageStatus.Delivered,
            "read" => MessageStatus.Read,
            "failed" or "undelivered" or "canceled" => MessageStatus.Failed,
            // queued/sending/accepted/scheduled: Parley's own row already says queued; nothing to move forward.
            _ => null,
        };

        if (status is null)
        {
            return batch with { OtherEvents = [$"twilio:status:{wire}"] };
        }

        var update = new StatusUpdate(sid, status.Value, now)
        {
            RecipientId = form.Value("To"),
            Raw = raw,
        };
        if (status == MessageStatus.Failed)
        {
            var code = form.Value("ErrorCode");
            update = update with
            {
                ErrorCode = code ?? wire,
                ErrorReason = FailureReason(wire, code, form.Value("ErrorMessage") ?? form.Value("ChannelStatusMessage")),
            };
        }

        return batch with { Statuses = [update] };
    }

    private static string FailureReason(string wire, string? code, string? message)
    {
        var known = code is not null && int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? TwilioErrorClassifier.Describe(n) : null;
        var detail = known ?? message ?? (wire == "canceled" ? "The message was canceled before it was sent." : "Twilio reported no reason.");
        if (known is not null && message is not null && !string.Equals(known, message, StringComparison.Ordinal))
        {
            detail = $"{known} ({message})";
        }

        return code is null ? $"{wire}: {detail}" : $"{wire}: {detail} [Twilio {code}]";
    }

    private static List<InboundMessage> ToMessages(TwilioForm form, string sid, string raw, DateTimeOffset now)
    {
        var from = Contact(form);
        var media = Media(form);
        var content = Content(form, media.Count > 0 ? media[0] : null);
        var messages = new List<InboundMessage> { new(sid, from, content, now) { Raw = raw } };
        for (var i = 1; i < media.Count; i++)
        {
            var extra = new MessageContent
            {
                Type = TypeOf(media[i]),
                Media = media[i],
                ContextMessageId = content.ContextMessageId,
                Forwarded = content.Forwarded,
                FrequentlyForwarded = content.FrequentlyForwarded,
            };
            messages.Add(new InboundMessage($"{sid}/{i}", from, extra, now) { Raw = raw });
        }

        return messages;
    }

    private static ContactRef Contact(TwilioForm form)
    {
        var address = form.Value("From");
        var phone = PhoneNumber.TryParse(address, null, out var parsed) ? parsed.ToE164() : null;
        var waId = form.Value("WaId")
            ?? (phone is not null ? parsed.WaId : null)
            ?? StripChannel(address)
            ?? "unknown";
        if (phone is null && PhoneNumber.TryParseWaId(form.Value("WaId"), out var fromWaId))
        {
            phone = fromWaId.ToE164();
        }

        return new ContactRef(ContactKey.Canonical(waId)) { Phone = phone, ProfileName = form.Value("ProfileName") };
    }

    private static string? StripChannel(string? address)
    {
        if (address is null)
        {
            return null;
        }

        var colon = address.IndexOf(':', StringComparison.Ordinal);
        var rest = colon >= 0 ? address[(colon + 1)..] : address;
        return rest.TrimStart('+') is { Length: > 0 } s ? s : null;
    }

    private static MessageContent Content(TwilioForm form, MediaInfo? firstMedia)
    {
        var body = form.Value("Body");
        var common = new MessageContent
        {
            Type = MessageTypes.Unknown,
            ContextMessageId = form.Value("OriginalRepliedMessageSid"),
            Forwarded = IsTrue(form.Value("Forwarded")) || IsTrue(form.Value("FrequentlyForwarded")),
            FrequentlyForwarded = IsTrue(form.Value("FrequentlyForwarded")),
            Referral = Referral(form),
        };

        if ((ListReply(form) ?? ButtonReply(form)) is { } reply)
        {
            return common with { Type = MessageTypes.Interactive, Reply = reply, Text = body };
        }

        if (firstMedia is not null)
        {
            return common with { Type = TypeOf(firstMedia), Media = firstMedia, Text = body };
        }

        if (Location(form) is { } location)
        {
            return common with { Type = MessageTypes.Location, Location = location };
        }

        if (form.Value("InteractiveData") is not null || form.Value("FlowData") is not null)
        {
            // A WhatsApp Flow answer or another rich response: kept whole for the bot.
            return common with { Type = MessageTypes.Interactive, Text = body, Extra = RichData(form) };
        }

        if (body is not null)
        {
            return common with { Type = MessageTypes.Text, Text = body };
        }

        // Something WhatsApp sent that Twilio delivered without a body Parley can read: keep every field.
        return common with { Extra = JsonDocument.Parse(form.ToJson()).RootElement.Clone() };
    }

    private static InteractiveReply? ButtonReply(TwilioForm form)
    {
        var payload = form.Value("ButtonPayload");
        var text = form.Value("ButtonText");
        if (payload is null && text is null)
        {
            return null;
        }

        return new InteractiveReply(payload ?? text!, text) { Kind = "button_reply" };
    }

    private static InteractiveReply? ListReply(TwilioForm form)
    {
        var id = form.Value("ListId");
        if (id is null)
        {
            return null;
        }

        return new InteractiveReply(id, form.Value("ListTitle")) { Kind = "list_reply", Description = form.Value("ListDescription") };
    }

    private static JsonElement RichData(TwilioForm form)
    {
        var data = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var key in (string[])["InteractiveData", "FlowData", "MessageType", "ButtonType"])
        {
            if (form.Value(key) is not { } value)
            {
                continue;
            }

            data[char.ToLowerInvariant(key[0]) + key[1..]] = TryParseJson(value) is { } json ? json : value;
        }

        return JsonSerializer.SerializeToElement(data);
    }

    private static JsonElement? TryParseJson(string value)
    {
        try
        {
            using var doc = JsonDocument.Parse(value);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Every <c>MediaUrl{N}</c> present, by N: <c>NumMedia</c> is not trusted to count them.</summary>
    private static List<MediaInfo> Media(TwilioForm form)
    {
        var indexes = form.Fields
            .Select(f => f.Key.StartsWith("MediaUrl", StringComparison.Ordinal)
                && int.TryParse(f.Key.AsSpan("MediaUrl".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .Where(n => n >= 0)
            .Distinct()
            .Order();
        var list = new List<MediaInfo>();
        foreach (var i in indexes)
        {
            if (form.Value($"MediaUrl{i}") is not { } url)
            {
                continue;
            }

            var mime = form.Value($"MediaContentType{i}");
            list.Add(new MediaInfo
            {
                Id = MediaSid(url),
                Url = url,
                MimeType = mime,
                Voice = mime?.StartsWith("audio/ogg", StringComparison.OrdinalIgnoreCase) == true,
            });
        }

        return list;
    }

    /// <summary>The <c>ME…</c> SID at the end of a media URL, when it has one.</summary>
    private static string? MediaSid(string url)
    {
        var path = url.Split('?', '#')[0].TrimEnd('/');
        var last = path[(path.LastIndexOf('/') + 1)..];
        return last.StartsWith("ME", StringComparison.Ordinal) ? last : null;
    }

    /// <summary>
    /// WhatsApp stickers arrive as <c>image/webp</c>; a shared contact arrives as a vCard file, kept as a document
    /// so the file is fetched and nothing is lost (its cards are read only once it is downloaded).
    /// </summary>
    private static string TypeOf(MediaInfo media) => media.MimeType?.ToLowerInvariant() switch
    {
        "image/webp" => MessageTypes.Sticker,
        { } m when m.StartsWith("image/", StringComparison.Ordinal) => MessageTypes.Image,
        { } m when m.StartsWith("audio/", StringComparison.Ordinal) => MessageTypes.Audio,
        { } m when m.StartsWith("video/", StringComparison.Ordinal) => MessageTypes.Video,
        _ => MessageTypes.Document,
    };

    private static LocationInfo? Location(TwilioForm form)
    {
        if (!double.TryParse(form.Value("Latitude"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(form.Value("Longitude"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            || lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            return null;
        }

        return new LocationInfo(lat, lon) { Name = form.Value("Label"), Address = form.Value("Address") };
    }

    private static ReferralInfo? Referral(TwilioForm form)
    {
        var referral = new ReferralInfo
        {
            SourceUrl = form.Value("ReferralSourceUrl"),
            SourceId = form.Value("ReferralSourceId"),
            SourceType = form.Value("ReferralSourceType"),
            Headline = form.Value("ReferralHeadline"),
            Body = form.Value("ReferralBody"),
            CtwaClid = form.Value("ReferralCtwaClid"),
        };
        return referral == new ReferralInfo() ? null : referral;
    }

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}
