using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Contacts;
using Parley.Core.Messaging;

namespace Parley.Channels.Meta;

/// <summary>
/// Turns a Meta WhatsApp webhook into Parley's normalized batch. One delivery may carry several entries, each with
/// several changes, each with several messages and statuses: all of them are returned. Every message type becomes a
/// message — types Parley does not model are kept as <see cref="MessageTypes.Unknown"/> with their JSON — and every
/// other change is kept as an "other event". Each message keeps its own JSON as <see cref="InboundMessage.Raw"/>.
/// </summary>
public sealed class MetaWebhookParser(TimeProvider time)
{
    /// <summary>Parses a webhook body.</summary>
    /// <param name="phoneNumberId">The account's business phone number id: changes for another number are not taken as this account's messages.</param>
    /// <exception cref="JsonException">The body is not a JSON object.</exception>
    public MetaWebhook Parse(string accountId, ReadOnlySpan<byte> body, string? phoneNumberId = null)
    {
        using var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"A Meta webhook is a JSON object, but this body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}.");
        }

        var messages = new List<InboundMessage>();
        var statuses = new List<StatusUpdate>();
        var others = new List<string>();
        var templateEvents = new List<MetaTemplateEvent>();
        var alerts = new List<Parley.Core.Accounts.AccountAlert>();
        var foreign = 0;
        foreach (var entry in Array(root, "entry"))
        {
            var wabaId = Str(entry, "id") ?? "";
            foreach (var change in Array(entry, "changes"))
            {
                var field = Str(change, "field");
                if (!change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
                {
                    others.Add(change.GetRawText());
                    continue;
                }

                if (field != "messages")
                {
                    others.Add(change.GetRawText());
                    if (ReadTemplateEvent(wabaId, field, value) is { } templateEvent)
                    {
                        templateEvents.Add(templateEvent);
                    }

                    if (ReadAccountAlert(accountId, field, value) is { } alert)
                    {
                        alerts.Add(alert);
                    }

                    continue;
                }

                var target = value.TryGetProperty("metadata", out var metadata) ? Str(metadata, "phone_number_id") : null;
                if (phoneNumberId is not null && target is not null && target != phoneNumberId)
                {
                    // Another number of the same app: storing it here would make this account answer for that number.
                    others.Add(change.GetRawText());
                    foreign++;
                    continue;
                }

                ReadMessagesChange(value, messages, statuses, others);
            }
        }

        var batch = new InboundBatch(accountId, Providers.Meta, Encoding.UTF8.GetString(body))
        {
            Messages = messages,
            Statuses = statuses,
            OtherEvents = others,
            ContentType = "application/json",
        };
        return new MetaWebhook(batch) { TemplateEvents = templateEvents, AccountAlerts = alerts, ForeignChanges = foreign };
    }

    /// <summary>The webhook fields that speak about the business number, read as Meta's webhook reference describes them.</summary>
    private Parley.Core.Accounts.AccountAlert? ReadAccountAlert(string accountId, string? field, JsonElement value)
    {
        var now = time.GetUtcNow();
        switch (field)
        {
            case "account_alerts":
                // Newer deliveries nest the alert in alert_info; older ones put its fields beside entity_type.
                var info = value.TryGetProperty("alert_info", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : value;
                return new(accountId, field, now)
                {
                    Type = Str(info, "alert_type"),
                    Severity = Str(info, "alert_severity"),
                    Description = Str(info, "alert_description"),
                };
            case "phone_number_quality_update":
                var quality = Str(value, "event");
                return new(accountId, field, now)
                {
                    Type = quality,
                    Severity = quality is "FLAGGED" or "DOWNGRADE" ? "WARNING" : "INFORMATIONAL",
                    Description = $"Quality {quality}; messaging limit {Str(value, "current_limit") ?? "unchanged"}" +
                        (Str(value, "old_limit") is { } old ? $" (was {old})" : "") + ".",
                    QualityRating = quality is "FLAGGED" or "UNFLAGGED" ? quality : null,
                    MessagingLimit = Str(value, "current_limit"),
                };
            case "account_update":
                return new(accountId, field, now)
                {
                    Type = Str(value, "event"),
                    Severity = Str(value, "event") is "DISABLED_UPDATE" or "ACCOUNT_VIOLATION" or "ACCOUNT_RESTRICTION" ? "CRITICAL" : "INFORMATIONAL",
                    Description = value.TryGetProperty("ban_info", out var ban) ? $"Ban: {Str(ban, "waba_ban_state") ?? ban.GetRawText()}" : null,
                };
            case "business_capability_update":
                return new(accountId, field, now)
                {
                    Type = "CAPABILITY_UPDATE",
                    Severity = "INFORMATIONAL",
                    MessagingLimit = value.TryGetProperty("max_daily_conversation_per_phone", out var limit) ? limit.ToString() : Str(value, "max_daily_conversations_per_business"),
                    Description = value.GetRawText(),
                };
            default:
                return null;
        }
    }

    private void ReadMessagesChange(JsonElement value, List<InboundMessage> messages, List<StatusUpdate> statuses, List<string> others)
    {
        var contacts = Array(value, "contacts").Select(ReadContact).ToList();
        foreach (var message in Array(value, "messages"))
        {
            messages.Add(ReadMessage(message, contacts));
        }

        foreach (var status in Array(value, "statuses"))
        {
            if (ReadStatus(status) is { } update)
            {
                statuses.Add(update);
            }
            else
            {
                others.Add(status.GetRawText());
            }
        }

        // App- or number-level errors that concern no one message.
        if (value.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            others.Add(value.GetRawText());
        }
    }

    private sealed record MetaContact(string? WaId, string? UserId, string? Name);

    private static MetaContact ReadContact(JsonElement contact) => new(
        Str(contact, "wa_id"),
        Str(contact, "user_id"),
        contact.TryGetProperty("profile", out var profile) ? Str(profile, "name") : null);

    private InboundMessage ReadMessage(JsonElement m, List<MetaContact> contacts)
    {
        var from = Str(m, "from");
        var fromUserId = Str(m, "from_user_id");
        var contact = contacts.FirstOrDefault(c => (from is not null && c.WaId == from) || (fromUserId is not null && c.UserId == fromUserId))
            ?? (contacts.Count == 1 ? contacts[0] : null);

        // wa_id is the stable key while Meta sends it; business-scoped user ids replace it for users who hide their number.
        var waId = Normalize(contact?.WaId) ?? Normalize(from) ?? contact?.UserId ?? fromUserId ?? "";
        var sender = new ContactRef(ContactKey.Canonical(waId))
        {
            ProfileName = contact?.Name,
            Phone = PhoneNumber.TryParseWaId(Normalize(contact?.WaId) ?? Normalize(from), out var phone) ? phone.ToE164() : null,
        };

        var id = Str(m, "id") ?? $"meta.noid.{waId}.{Str(m, "timestamp")}";
        return new InboundMessage(id, sender, ReadContent(m), Timestamp(m)) { Raw = m.GetRawText() };
    }

    private static MessageContent ReadContent(JsonElement m)
    {
        var type = Str(m, "type") ?? "";
        var part = m.TryGetProperty(type, out var p) && type.Length > 0 ? p : default;
        var secondary = new JsonObject();
        JsonElement? primary = null;
        string? text = null;
        MediaInfo? media = null;
        LocationInfo? location = null;
        IReadOnlyList<ContactCard>? cards = null;
        InteractiveReply? reply = null;
        ReactionInfo? reaction = null;
        var parleyType = type;

        switch (type)
        {
            case "text" when part.ValueKind == JsonValueKind.Object:
                text = Str(part, "body");
                break;
            case "image" or "video" or "audio" or "document" or "sticker" when part.ValueKind == JsonValueKind.Object:
                media = new MediaInfo
                {
                    Id = Str(part, "id"),
                    Url = Str(part, "url"),
                    MimeType = Str(part, "mime_type"),
                    Sha256 = Str(part, "sha256"),
                    FileName = Str(part, "filename"),
                    Size = part.TryGetProperty("file_size", out var size) && TryLong(size, out var bytes) ? bytes : null,
                    Voice = Bool(part, "voice"),
                };
                text = Str(part, "caption");
                if (type == "sticker" && part.TryGetProperty("animated", out var animated) && animated.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    secondary["animated"] = animated.GetBoolean();
                }

                break;
            case "location" when part.ValueKind == JsonValueKind.Object:
                location = new LocationInfo(Double(part, "latitude"), Double(part, "longitude"))
                {
                    Name = Str(part, "name"),
                    Address = Str(part, "address"),
                    Url = Str(part, "url"),
                };
                break;
            case "contacts" when part.ValueKind == JsonValueKind.Array:
                cards = [.. part.EnumerateArray().Select(ReadCard)];
                // Addresses, birthdays and URLs are not modelled: keep the cards whole.
                primary = part.Clone();
                break;
            case "interactive" when part.ValueKind == JsonValueKind.Object:
                reply = ReadInteractiveReply(part);
                if (reply is null || reply.Kind == "nfm_reply")
                {
                    primary = part.Clone();
                }

                break;
            case "button" when part.ValueKind == JsonValueKind.Object:
                text = Str(part, "text");
                reply = new InteractiveReply(Str(part, "payload") ?? text ?? "", text) { Kind = "quick_reply" };
                parleyType = MessageTypes.Button;
                break;
            case "reaction" when part.ValueKind == JsonValueKind.Object:
                // An empty emoji means the contact removed their reaction.
                reaction = new ReactionInfo(Str(part, "message_id") ?? "", Str(part, "emoji") is { Length: > 0 } emoji ? emoji : null);
                break;
            case "order" when part.ValueKind == JsonValueKind.Object:
                text = Str(part, "text") is { Length: > 0 } note ? note : null;
                primary = part.Clone();
                break;
            case "system" when part.ValueKind == JsonValueKind.Object:
                text = Str(part, "body");
                primary = part.Clone();
                break;
            default:
                // unsupported, or a type newer than this code: kept whole, never dropped.
                parleyType = MessageTypes.Unknown;
                primary = m.Clone();
                break;
        }

        string? contextId = null;
        bool forwarded = false, frequently = false;
        if (m.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Object)
        {
            contextId = Str(context, "id");
            forwarded = Bool(context, "forwarded");
            frequently = Bool(context, "frequently_forwarded");
            if (context.TryGetProperty("referred_product", out var product))
            {
                secondary["referred_product"] = JsonNode.Parse(product.GetRawText());
            }
        }

        ReferralInfo? referral = null;
        if (m.TryGetProperty("referral", out var r) && r.ValueKind == JsonValueKind.Object)
        {
            referral = new ReferralInfo
            {
                SourceUrl = Str(r, "source_url"),
                SourceId = Str(r, "source_id"),
                SourceType = Str(r, "source_type"),
                Headline = Str(r, "headline"),
                Body = Str(r, "body"),
                CtwaClid = Str(r, "ctwa_clid"),
            };
        }

        return new MessageContent
        {
            Type = parleyType,
            Text = text,
            Media = media,
            Location = location,
            Contacts = cards,
            Reply = reply,
            Reaction = reaction,
            ContextMessageId = contextId,
            Forwarded = forwarded,
            FrequentlyForwarded = frequently,
            Referral = referral,
            Extra = MergeExtra(primary, secondary),
        };
    }

    private static InteractiveReply? ReadInteractiveReply(JsonElement interactive)
    {
        var kind = Str(interactive, "type");
        if (kind is null || !interactive.TryGetProperty(kind, out var choice) || choice.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return kind switch
        {
            "button_reply" or "list_reply" => new InteractiveReply(Str(choice, "id") ?? "", Str(choice, "title"))
            {
                Description = Str(choice, "description"),
                Kind = kind,
            },
            // A WhatsApp Flow's answer: the flow's name, its body, and response_json in Extra.
            "nfm_reply" => new InteractiveReply(Str(choice, "name") ?? "flow", Str(choice, "body")) { Kind = kind },
            _ => null,
        };
    }

    private static ContactCard ReadCard(JsonElement card) => new()
    {
        FormattedName = card.TryGetProperty("name", out var name) ? Str(name, "formatted_name") ?? Str(name, "first_name") : null,
        Organization = card.TryGetProperty("org", out var org) ? Str(org, "company") : null,
        Phones = Array(card, "phones").Select(p => new ContactPhone(Str(p, "phone") ?? Str(p, "wa_id") ?? "")
        {
            Type = Str(p, "type"),
            WaId = Str(p, "wa_id"),
        }).ToList() is { Count: > 0 } phones ? phones : null,
        Emails = Array(card, "emails").Select(e => Str(e, "email")).OfType<string>().ToList() is { Count: > 0 } emails ? emails : null,
    };

    private StatusUpdate? ReadStatus(JsonElement s)
    {
        var status = Str(s, "status")?.ToLowerInvariant() switch
        {
            "sent" => MessageStatus.Sent,
            "delivered" => MessageStatus.Delivered,
            "read" => MessageStatus.Read,
            "played" => MessageStatus.Played,
            "failed" => MessageStatus.Failed,
            _ => (MessageStatus?)null,
        };
        var id = Str(s, "id");
        if (status is null || id is null)
        {
            return null;
        }

        var (code, reason) = ReadError(s);
        return new StatusUpdate(id, status.Value, Timestamp(s))
        {
            ErrorCode = code,
            ErrorReason = reason,
            RecipientId = Str(s, "recipient_id") ?? Str(s, "recipient_user_id"),
            Raw = s.GetRawText(),
        };
    }

    /// <summary>The first error's code and a readable reason: its title (or message) and details.</summary>
    internal static (string? Code, string? Reason) ReadError(JsonElement owner)
    {
        var first = Array(owner, "errors").FirstOrDefault();
        if (first.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        var code = first.TryGetProperty("code", out var c) ? (c.ValueKind == JsonValueKind.Number ? c.GetRawText() : Str(first, "code")) : null;
        var title = Str(first, "title") ?? Str(first, "message");
        var details = first.TryGetProperty("error_data", out var data) ? Str(data, "details") : null;
        var reason = (title, details) switch
        {
            (null, null) => null,
            (null, _) => details,
            (_, null) => title,
            _ when details == title => title,
            _ when title.EndsWith('.') => $"{title} {details}",
            _ => $"{title}: {details}",
        };
        return (code, reason);
    }

    private static MetaTemplateEvent? ReadTemplateEvent(string wabaId, string? field, JsonElement value)
    {
        if (field is not (MetaTemplateEvent.StatusField or MetaTemplateEvent.CategoryField))
        {
            return null;
        }

        var name = Str(value, "message_template_name");
        var language = Str(value, "message_template_language");
        if (name is null || language is null)
        {
            return null;
        }

        var templateId = value.TryGetProperty("message_template_id", out var id)
            ? (id.ValueKind == JsonValueKind.Number ? id.GetRawText() : Str(value, "message_template_id"))
            : null;
        return new MetaTemplateEvent(wabaId, field, name, language)
        {
            TemplateId = templateId,
            Event = Str(value, "event"),
            Reason = Str(value, "reason"),
            // An announced change (correct_category present) has not happened yet; a completed one names previous_category.
            NewCategory = field == MetaTemplateEvent.CategoryField && !value.TryGetProperty("correct_category", out _)
                ? Str(value, "new_category")
                : null,
        };
    }

    private DateTimeOffset Timestamp(JsonElement owner) =>
        owner.TryGetProperty("timestamp", out var t) && TryLong(t, out var seconds) && seconds > 0
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : time.GetUtcNow();

    private static JsonElement? MergeExtra(JsonElement? primary, JsonObject secondary)
    {
        if (secondary.Count == 0)
        {
            return primary;
        }

        if (primary is { ValueKind: JsonValueKind.Object } p)
        {
            var merged = JsonNode.Parse(p.GetRawText())!.AsObject();
            foreach (var (key, node) in secondary)
            {
                merged[key] = node?.DeepClone();
            }

            return JsonSerializer.SerializeToElement(merged);
        }

        if (primary is { } other)
        {
            secondary["value"] = JsonNode.Parse(other.GetRawText());
        }

        return JsonSerializer.SerializeToElement(secondary);
    }

    /// <summary>wa_ids are digits; a leading '+' has been seen in docs, so it is dropped.</summary>
    private static string? Normalize(string? waId) => string.IsNullOrWhiteSpace(waId) ? null : waId.Trim().TrimStart('+');

    private static IEnumerable<JsonElement> Array(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray()
            : [];

    private static string? Str(JsonElement owner, string name)
    {
        if (owner.ValueKind != JsonValueKind.Object || !owner.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
    }

    private static bool Bool(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var v) && (v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.String && v.GetString() == "true"));

    /// <summary>A coordinate; 0 when Meta left it out (a location without coordinates cannot be stored as NaN).</summary>
    private static double Double(JsonElement owner, string name)
    {
        if (!owner.TryGetProperty(name, out var v))
        {
            return 0;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var number))
        {
            return number;
        }

        return v.ValueKind == JsonValueKind.String && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed)
            ? parsed
            : 0;
    }

    private static bool TryLong(JsonElement v, out long value)
    {
        value = 0;
        return v.ValueKind switch
        {
            JsonValueKind.Number => v.TryGetInt64(out value),
            JsonValueKind.String => long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }
}
