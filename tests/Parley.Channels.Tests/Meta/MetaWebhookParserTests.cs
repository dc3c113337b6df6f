using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Channels.Meta;
using Parley.Core.Messaging;
using Parley.Testing.Fakes;
using Parley.Testing.Payloads;

namespace Parley.Channels.Tests.Meta;

/// <summary>Every official inbound sample (shared/wire/meta, copied to Parley.Testing/Payloads/Meta) parsed field by field.</summary>
public sealed class MetaWebhookParserTests
{
    private const string Sheena = "16505551234";
    private static readonly MetaWebhookParser Parser = new(TimeProvider.System);

    private static MetaWebhook Parse(string json, string? phoneNumberId = null) => Parser.Parse("meta1", Encoding.UTF8.GetBytes(json), phoneNumberId);

    private static InboundMessage Single(string sample)
    {
        var webhook = Parse(MetaWebhooks.Sample(sample));
        webhook.Batch.Statuses.ShouldBeEmpty();
        webhook.Batch.OtherEvents.ShouldBeEmpty();
        webhook.Batch.AccountId.ShouldBe("meta1");
        webhook.Batch.Provider.ShouldBe("meta");
        webhook.Batch.RawBody.ShouldBe(MetaWebhooks.Sample(sample));
        return webhook.Batch.Messages.ShouldHaveSingleItem();
    }

    private static void ShouldBeSheena(ContactRef from)
    {
        from.WaId.ShouldBe(Sheena);
        from.Phone.ShouldBe("+16505551234");
        from.ProfileName.ShouldBe("Sheena Nelson");
    }

    private static string Extra(MessageContent content) => content.Extra!.Value.GetRawText();

    [Fact]
    public void Parse_Text()
    {
        var m = Single("inbound-text.json");

        m.ProviderMessageId.ShouldBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
        ShouldBeSheena(m.From);
        m.Timestamp.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1749416383));
        m.Content.Type.ShouldBe(MessageTypes.Text);
        m.Content.Text.ShouldBe("Does it come in another color?");
        m.Content.ContextMessageId.ShouldBeNull();
        m.Content.Referral.ShouldBeNull();
        m.Content.Extra.ShouldBeNull();
        JsonNode.DeepEquals(JsonNode.Parse(m.Raw!), JsonNode.Parse(MetaWebhooks.Sample("inbound-text.json"))!["entry"]![0]!["changes"]![0]!["value"]!["messages"]![0]).ShouldBeTrue();
    }

    [Fact]
    public void Parse_TextReplyingToAProduct_KeepsContextAndReferredProduct()
    {
        var m = Single("inbound-text-context-referred-product.json");

        m.ProviderMessageId.ShouldBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTA2NTUwRkNEMDdFQjJCRUU0NQA=");
        ShouldBeSheena(m.From);
        m.Timestamp.ToUnixTimeSeconds().ShouldBe(1750016800);
        m.Content.Type.ShouldBe(MessageTypes.Text);
        m.Content.Text.ShouldBe("Is this still available?");
        m.Content.ContextMessageId.ShouldBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGA9wcm9kdWN0X2lucXVpcnkA");
        m.Content.Forwarded.ShouldBeFalse();
        m.Content.FrequentlyForwarded.ShouldBeFalse();
        var product = m.Content.Extra!.Value.GetProperty("referred_product");
        product.GetProperty("catalog_id").GetString().ShouldBe("194836987003835");
        product.GetProperty("product_retailer_id").GetString().ShouldBe("di9ozbzfi4");
    }

    [Fact]
    public void Parse_TextFromAClickToWhatsAppAd_KeepsTheReferral()
    {
        var m = Single("inbound-text-ctwa-referral.json");

        m.ProviderMessageId.ShouldBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUQ0N0VFMDA2MTQ0RkJFNkNDNAA=");
        ShouldBeSheena(m.From);
        m.Timestamp.ToUnixTimeSeconds().ShouldBe(1750275992);
        m.Content.Type.ShouldBe(MessageTypes.Text);
        m.Content.Text.ShouldBe("Hello! Can I get more info on this?");
        var r = m.Content.Referral.ShouldNotBeNull();
        r.SourceUrl.ShouldBe("https://fb.me/3cr4Wqqkv");
        r.SourceId.ShouldBe("120226305854810726");
        r.SourceType.ShouldBe("ad");
        r.Body.ShouldBe("Summer Succulents are here!");
        r.Headline.ShouldBe("Chat with us");
        r.CtwaClid.ShouldBe("Aff-n8ZTODiE79d22KtAwQKj9e_mIEOOj27vDVwFjN80dp4_0NiNhEgpGo0AHemvuSoifXaytfTzcchptiErTKCqTrJ5nW1h7IHYeYymGb5K5J5iTROpBhWAGaIAeUzHL50");
        // Fields the model does not name stay in the message's own JSON.
        m.Raw!.ShouldContain("\"welcome_message\"");
    }

    [Fact]
    public void Parse_Image()
    {
        var m = Single("inbound-image.json");

        m.ProviderMessageId.ShouldBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
        ShouldBeSheena(m.From);
        m.Timestamp.ToUnixTimeSeconds().ShouldBe(1744344496);
        m.Content.Type.ShouldBe(MessageTypes.Image);
        m.Content.Text.ShouldBe("Taj Mahal");
        var media = m.Content.Media.ShouldNotBeNull();
        media.Id.ShouldBe("1003383421387256");
        media.MimeType.ShouldBe("image/jpeg");
        media.Sha256.ShouldBe("SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=");
        media.Url.ShouldBeNull();
        media.FileName.ShouldBeNull();
        media.Voice.ShouldBeFalse();
    }

    [Fact]
    public void Parse_Document_KeepsFileNameAndUrl()
    {
        var m = Single("inbound-document.json");

        m.ProviderMessageId.ShouldBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
        ShouldBeSheena(m.From);
        m.Timestamp.ToUnixTimeSeconds().ShouldBe(1744344496);
        m.Content.Type.ShouldBe(MessageTypes.Document);
        m.Content.Text.ShouldBe("my receipt");
        var media = m.Content.Media.ShouldNotBeNull();
        media.Id.ShouldBe("622684793477189");
        media.FileName.ShouldBe("receipt.pdf");
        media.MimeType.ShouldBe("application/pdf");
        media.Sha256.ShouldBe("V5OPpLD/gEG6Xjg0MbmQDLFgcKsL+j5LfY4ny/pZ4MY=");
        media.Url.ShouldBe("https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=133...");
    }

    [Fact]
    public void Parse_Sticker_KeepsAnimated()
    {
        var m = Single("inbound-sticker.json");

        m.Content.Type.ShouldBe(MessageTypes.Sticker);
        ShouldBeSheena(m.From);
        m.Content.Text.ShouldBeNull();
        var media = m.Content.Media.ShouldNotBeNull();
        media.Id.ShouldBe("1908647269898587");
        media.MimeType.ShouldBe("image/webp");
        media.Sha256.ShouldBe("wvqXMe6n7n1W0zphvLPoLj+s/NtKqmr3zZ7YzTP7xFI=");
        media.Url.ShouldBe("https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=133...");
        m.Content.Extra!.Value.GetProperty("animated").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public void Parse_Location()
    {
        var m = Single("inbound-location.json");

        m.ProviderMessageId.ShouldBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTU2MjZEMDBGRkE3MENEMDE0RQA=");
        ShouldBeSheena(m.From);
        m.Content.Type.ShouldBe(MessageTypes.Location);
        var l = m.Content.Location.ShouldNotBeNull();
        l.Latitude.ShouldBe(37.44221496582);
        l.Longitude.ShouldBe(-122.16165924072);
        l.Name.ShouldBe("Philz Coffee");
        l.Address.ShouldBe("101 Forest Ave, Palo Alto, CA 94301");
        l.Url.ShouldBe("https://philzcoffee.com/");
    }

    [Fact]
    public void Parse_Contacts()
    {
        var m = Single("inbound-contacts.json");

        m.ProviderMessageId.ShouldBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
        ShouldBeSheena(m.From);
        m.Content.Type.ShouldBe(MessageTypes.Contacts);
        var card = m.Content.Contacts.ShouldHaveSingleItem();
        card.FormattedName.ShouldBe("Lucía Gómez");
        card.Organization.ShouldBe("Google");
        card.Emails.ShouldBeNull();
        var phone = card.Phones.ShouldHaveSingleItem();
        phone.Phone.ShouldBe("+1 (983) 555-2319");
        phone.WaId.ShouldBe("19835552319");
        phone.Type.ShouldBe("MOBILE");
        // The whole cards (names, org) are kept, since the model holds only part of them.
        m.Content.Extra!.Value[0].GetProperty("name").GetProperty("last_name").GetString().ShouldBe("Gómez");
    }

    [Fact]
    public void Parse_InteractiveButtonReply()
    {
        var m = Single("inbound-interactive-button-reply.json");

        m.ProviderMessageId.ShouldBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTZBQzg0MzQ4QjRCM0NGNkVGOAA=");
        ShouldBeSheena(m.From);
        m.Timestamp.ToUnixTimeSeconds().ShouldBe(1750025136);
        m.Content.Type.ShouldBe(MessageTypes.Interactive);
        var reply = m.Content.Reply.ShouldNotBeNull();
        reply.Id.ShouldBe("cancel-button");
        reply.Title.ShouldBe("Cancel");
        reply.Kind.ShouldBe("button_reply");
        reply.Description.ShouldBeNull();
        m.Content.ContextMessageId.ShouldBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MEM2RUJFNkI0RENGQTVDRjUA");
    }

    [Fact]
    public void Parse_InteractiveListReply()
    {
        var m = Single("inbound-interactive-list-reply.json");

        m.ProviderMessageId.ShouldBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUJDQ0NDM0FEODY4ODkzOTc5RgA=");
        ShouldBeSheena(m.From);
        m.Timestamp.ToUnixTimeSeconds().ShouldBe(1749854575);
        m.Content.Type.ShouldBe(MessageTypes.Interactive);
        var reply = m.Content.Reply.ShouldNotBeNull();
        reply.Id.ShouldBe("priority_express");
        reply.Title.ShouldBe("Priority Mail Express");
        reply.Description.ShouldBe("Next Day to 2 Days");
        reply.Kind.ShouldBe("list_reply");
        m.Content.ContextMessageId.ShouldBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJGMzEyNzhENTZDMzNGODlDRDgA");
    }

    [Fact]
    public void Parse_TemplateQuickReplyButton()
    {
        var m = Single("inbound-button-template-quick-reply.json");

        m.ProviderMessageId.ShouldBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUU0M0MxQzQzMUJCMTMwNUZFOQA=");
        ShouldBeSheena(m.From);
        m.Timestamp.ToUnixTimeSeconds().ShouldBe(1750091045);
        m.Content.Type.ShouldBe(MessageTypes.Button);
        m.Content.Text.ShouldBe("Unsubscribe");
        var reply = m.Content.Reply.ShouldNotBeNull();
        reply.Id.ShouldBe("Unsubscribe");
        reply.Title.ShouldBe("Unsubscribe");
        reply.Kind.ShouldBe("quick_reply");
        m.Content.ContextMessageId.ShouldBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJFNjk2OTMwNEZCQjhGMzUyQUYA");
    }

    [Fact]
    public void Parse_Reaction()
    {
        var m = Single("inbound-reaction.json");

        m.ProviderMessageId.ShouldBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
        ShouldBeSheena(m.From);
        m.Timestamp.ToUnixTimeSeconds().ShouldBe(1749419544);
        m.Content.Type.ShouldBe(MessageTypes.Reaction);
        m.Content.Reaction.ShouldBe(new ReactionInfo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0RTJEOTc2ODVERUY5RDlGNkYA", "👍"));
    }

    [Fact]
    public void Parse_ReactionWithEmptyEmoji_IsARemovedReaction()
    {
        var json = MetaWebhooks.Sample("inbound-reaction.json").Replace("\"emoji\": \"👍\"", "\"emoji\": \"\"", StringComparison.Ordinal);

        var m = Parse(json).Batch.Messages.ShouldHaveSingleItem();

        m.Content.Reaction!.MessageId.ShouldBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0RTJEOTc2ODVERUY5RDlGNkYA");
        m.Content.Reaction.Emoji.ShouldBeNull();
    }

    [Fact]
    public void Parse_Order_KeepsTheOrderAsExtra()
    {
        var m = Single("inbound-order.json");

        m.ProviderMessageId.ShouldBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTEyQjFGNzI1QTQxMjI5QTMyOQA=");
        ShouldBeSheena(m.From);
        m.Timestamp.ToUnixTimeSeconds().ShouldBe(1750096325);
        m.Content.Type.ShouldBe(MessageTypes.Order);
        m.Content.Text.ShouldBeNull();
        var order = m.Content.Extra!.Value;
        order.GetProperty("catalog_id").GetString().ShouldBe("194836987003835");
        var items = order.GetProperty("product_items");
        items.GetArrayLength().ShouldBe(2);
        items[0].GetProperty("product_retailer_id").GetString().ShouldBe("di9ozbzfi4");
        items[0].GetProperty("quantity").GetInt32().ShouldBe(2);
        items[0].GetProperty("item_price").GetInt32().ShouldBe(30);
        items[0].GetProperty("currency").GetString().ShouldBe("USD");
        items[1].GetProperty("product_retailer_id").GetString().ShouldBe("nqryix03ez");
    }

    [Fact]
    public void Parse_SystemUserChangedNumber_WithoutContacts()
    {
        var m = Single("inbound-system-user-changed-number.json");

        m.ProviderMessageId.ShouldBe("wamid.HBgLMTk4MzU1NTE5NzQVAgASGAoxMTgyMDg2MjY3AA==");
        m.From.WaId.ShouldBe(Sheena);
        m.From.Phone.ShouldBe("+16505551234");
        m.From.ProfileName.ShouldBeNull();
        m.Timestamp.ToUnixTimeSeconds().ShouldBe(1750269342);
        m.Content.Type.ShouldBe(MessageTypes.System);
        m.Content.Text.ShouldBe("User Sheena Nelson changed from 16505551234 to 12195555358");
        m.Content.Extra!.Value.GetProperty("wa_id").GetString().ShouldBe("12195555358");
        m.Content.Extra!.Value.GetProperty("type").GetString().ShouldBe("user_changed_number");
    }

    [Fact]
    public void Parse_Unsupported_IsStoredAsUnknownWithItsJson()
    {
        var m = Single("inbound-unsupported.json");

        m.ProviderMessageId.ShouldBe("wamid.HBgLMTQyMDU1NTA3NDkVAgASGBI5N0MwRjg0RTVBNUI1RDA2OTkA");
        ShouldBeSheena(m.From);
        m.Timestamp.ToUnixTimeSeconds().ShouldBe(1750090702);
        m.Content.Type.ShouldBe(MessageTypes.Unknown);
        var extra = m.Content.Extra!.Value;
        extra.GetProperty("type").GetString().ShouldBe("unsupported");
        extra.GetProperty("errors")[0].GetProperty("code").GetInt32().ShouldBe(131051);
        extra.GetProperty("errors")[0].GetProperty("error_data").GetProperty("details").GetString().ShouldBe("Message type is currently not supported.");
    }

    [Fact]
    public void Parse_ATypeNewerThanThisCode_IsKeptAsUnknown()
    {
        var json = MetaWebhooks.Sample("inbound-text.json")
            .Replace("\"type\": \"text\"", "\"type\": \"hologram\"", StringComparison.Ordinal)
            .Replace("\"text\": {", "\"hologram\": {", StringComparison.Ordinal);

        var m = Parse(json).Batch.Messages.ShouldHaveSingleItem();

        m.Content.Type.ShouldBe(MessageTypes.Unknown);
        m.Content.Extra!.Value.GetProperty("hologram").GetProperty("body").GetString().ShouldBe("Does it come in another color?");
    }

    [Fact]
    public void Parse_VoiceNote_SetsVoice()
    {
        // No official audio webhook example exists; this is the image sample with the audio object of the
        // audio reference page (quoted second-hand in meta-cloud-api.md), so the shape is NON-OFFICIAL.
        var json = JsonNode.Parse(MetaWebhooks.Sample("inbound-image.json"))!;
        var message = json["entry"]![0]!["changes"]![0]!["value"]!["messages"]![0]!.AsObject();
        message.Remove("image");
        message["type"] = "audio";
        message["audio"] = new JsonObject { ["mime_type"] = "audio/ogg; codecs=opus", ["sha256"] = "wvqXMe6n7n1W0zphvLPoLj+s/NtKqmr3zZ7YzTP7xFI=", ["id"] = "1908647269898587", ["voice"] = true };

        var m = Parse(json.ToJsonString()).Batch.Messages.ShouldHaveSingleItem();

        m.Content.Type.ShouldBe(MessageTypes.Audio);
        m.Content.Media!.Voice.ShouldBeTrue();
        m.Content.Media.MimeType.ShouldBe("audio/ogg; codecs=opus");
        m.Content.Media.Id.ShouldBe("1908647269898587");
    }

    [Fact]
    public void Parse_Video_LikeAnImage()
    {
        // Video mirrors image (meta-cloud-api.md, marked UNCERTAIN): derived from the image sample.
        var json = MetaWebhooks.Sample("inbound-image.json").Replace("\"image\"", "\"video\"", StringComparison.Ordinal).Replace("image/jpeg", "video/mp4", StringComparison.Ordinal);

        var m = Parse(json).Batch.Messages.ShouldHaveSingleItem();

        m.Content.Type.ShouldBe(MessageTypes.Video);
        m.Content.Text.ShouldBe("Taj Mahal");
        m.Content.Media!.Id.ShouldBe("1003383421387256");
        m.Content.Media.MimeType.ShouldBe("video/mp4");
    }

    [Fact]
    public void Parse_ForwardedContext()
    {
        var json = JsonNode.Parse(MetaWebhooks.Sample("inbound-text.json"))!;
        json["entry"]![0]!["changes"]![0]!["value"]!["messages"]![0]!["context"] = new JsonObject { ["forwarded"] = true, ["frequently_forwarded"] = true };

        var m = Parse(json.ToJsonString()).Batch.Messages.ShouldHaveSingleItem();

        m.Content.Forwarded.ShouldBeTrue();
        m.Content.FrequentlyForwarded.ShouldBeTrue();
        m.Content.ContextMessageId.ShouldBeNull();
    }

    [Fact]
    public void Parse_ContactWithOnlyABusinessScopedUserId_UsesItAsTheKey()
    {
        var json = JsonNode.Parse(MetaWebhooks.Sample("inbound-text.json"))!;
        var value = json["entry"]![0]!["changes"]![0]!["value"]!;
        value["contacts"]![0]!.AsObject().Remove("wa_id");
        value["contacts"]![0]!["user_id"] = "US.13491208655302741918";
        var message = value["messages"]![0]!.AsObject();
        message.Remove("from");
        message["from_user_id"] = "US.13491208655302741918";

        var m = Parse(json.ToJsonString()).Batch.Messages.ShouldHaveSingleItem();

        m.From.WaId.ShouldBe("US.13491208655302741918");
        m.From.Phone.ShouldBeNull();
        m.From.ProfileName.ShouldBe("Sheena Nelson");
    }

    [Fact]
    public void Parse_StatusSent()
    {
        var webhook = Parse(MetaWebhooks.Sample("status-sent.json"));

        webhook.Batch.Messages.ShouldBeEmpty();
        webhook.Batch.OtherEvents.ShouldBeEmpty();
        var s = webhook.Batch.Statuses.ShouldHaveSingleItem();
        s.ProviderMessageId.ShouldBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=");
        s.Status.ShouldBe(MessageStatus.Sent);
        s.Timestamp.ToUnixTimeSeconds().ShouldBe(1750030073);
        s.RecipientId.ShouldBe(Sheena);
        s.ErrorCode.ShouldBeNull();
        s.ErrorReason.ShouldBeNull();
        s.Raw!.ShouldContain("\"pricing_model\": \"PMP\"");
    }

    [Fact]
    public void Parse_StatusReadAsPublished_IsTheSentStatusItSays()
    {
        // Meta's page calls this example "read" but its JSON says "sent" (a doc bug kept verbatim).
        var s = Parse(MetaWebhooks.Sample("status-read-v24-AS-PUBLISHED.json")).Batch.Statuses.ShouldHaveSingleItem();

        s.Status.ShouldBe(MessageStatus.Sent);
        s.ProviderMessageId.ShouldBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=");
        s.Timestamp.ToUnixTimeSeconds().ShouldBe(1750030073);
        s.RecipientId.ShouldBe(Sheena);
    }

    [Fact]
    public void Parse_StatusFailed_KeepsCodeAndReason()
    {
        var s = Parse(MetaWebhooks.Sample("status-failed.json")).Batch.Statuses.ShouldHaveSingleItem();

        s.ProviderMessageId.ShouldBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0QUQ2MjA4NEYyRkExNjMyREUA");
        s.Status.ShouldBe(MessageStatus.Failed);
        s.Timestamp.ToUnixTimeSeconds().ShouldBe(1751142888);
        s.RecipientId.ShouldBe(Sheena);
        s.ErrorCode.ShouldBe("131049");
        s.ErrorReason.ShouldBe("This message was not delivered to maintain healthy ecosystem engagement. In order to maintain a healthy ecosystem engagement, the message failed to be delivered.");
    }

    [Theory]
    [InlineData("delivered", MessageStatus.Delivered)]
    [InlineData("read", MessageStatus.Read)]
    [InlineData("played", MessageStatus.Played)]
    public void Parse_OtherStatuses(string wire, MessageStatus expected)
    {
        var s = Parse(MetaWebhooks.Status("wamid.X", wire, Sheena, 1750030100)).Batch.Statuses.ShouldHaveSingleItem();

        s.Status.ShouldBe(expected);
        s.ProviderMessageId.ShouldBe("wamid.X");
        s.Timestamp.ToUnixTimeSeconds().ShouldBe(1750030100);
    }

    [Fact]
    public void Parse_AnUnknownStatusValue_IsAnOtherEvent()
    {
        var webhook = Parse(MetaWebhooks.Status("wamid.X", "deleted", Sheena, 1750030100));

        webhook.Batch.Statuses.ShouldBeEmpty();
        webhook.Batch.OtherEvents.ShouldHaveSingleItem().ShouldContain("\"deleted\"");
    }

    /// <summary>Regression guard: several entries, changes, messages and statuses in one delivery are all returned.</summary>
    [Fact]
    public void Parse_SeveralEntriesChangesMessagesAndStatuses_ReturnsThemAll()
    {
        var root = JsonNode.Parse(MetaWebhooks.Sample("inbound-text.json"))!;
        var firstValue = root["entry"]![0]!["changes"]![0]!["value"]!;
        var second = JsonNode.Parse(MetaWebhooks.Sample("inbound-image.json"))!["entry"]![0]!["changes"]![0]!["value"]!["messages"]![0]!.DeepClone();
        second["id"] = "wamid.second";
        firstValue["messages"]!.AsArray().Add(second);
        var statusChange = JsonNode.Parse(MetaWebhooks.Sample("status-failed.json"))!["entry"]![0]!["changes"]![0]!.DeepClone();
        root["entry"]![0]!["changes"]!.AsArray().Add(statusChange);
        var otherEntry = JsonNode.Parse(MetaWebhooks.Sample("inbound-reaction.json"))!["entry"]![0]!.DeepClone();
        otherEntry["changes"]![0]!["value"]!["statuses"] = JsonNode.Parse(MetaWebhooks.Sample("status-sent.json"))!["entry"]![0]!["changes"]![0]!["value"]!["statuses"]!.DeepClone();
        root["entry"]!.AsArray().Add(otherEntry);

        var batch = Parse(root.ToJsonString()).Batch;

        batch.Messages.Select(m => m.Content.Type).ShouldBe([MessageTypes.Text, MessageTypes.Image, MessageTypes.Reaction]);
        batch.Messages.Select(m => m.ProviderMessageId).Distinct().Count().ShouldBe(2, "the reaction sample reuses the text sample's id");
        batch.Messages[1].ProviderMessageId.ShouldBe("wamid.second");
        batch.Statuses.Select(s => s.Status).ShouldBe([MessageStatus.Failed, MessageStatus.Sent]);
    }

    [Theory]
    [MemberData(nameof(OpenApiExamples))]
    public void Parse_EachOpenApiWebhookExample_ParsesLikeItsSampleFile(string name)
    {
        var example = JsonNode.Parse(MetaWebhooks.Sample("openapi-webhook-examples.json"))![name]!.ToJsonString();
        var webhook = Parse(example);

        if (OpenApiFiles.TryGetValue(name, out var file))
        {
            var fromFile = Parse(MetaWebhooks.Sample(file)).Batch;
            webhook.Batch.Messages.Count.ShouldBe(1);
            Normalized(webhook.Batch.Messages[0]).ShouldBe(Normalized(fromFile.Messages[0]));
            JsonNode.DeepEquals(JsonNode.Parse(webhook.Batch.Messages[0].Raw!), JsonNode.Parse(fromFile.Messages[0].Raw!)).ShouldBeTrue();
            webhook.Batch.OtherEvents.ShouldBeEmpty();
        }
        else
        {
            // Group lifecycle, settings and participant changes: recorded, not messages.
            webhook.Batch.Messages.ShouldBeEmpty();
            webhook.Batch.Statuses.ShouldBeEmpty();
            webhook.Batch.OtherEvents.ShouldHaveSingleItem().ShouldContain("group_");
        }
    }

    public static TheoryData<string> OpenApiExamples()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in JsonNode.Parse(MetaWebhooks.Sample("openapi-webhook-examples.json"))!.AsObject())
        {
            data.Add(name);
        }

        return data;
    }

    private static readonly Dictionary<string, string> OpenApiFiles = new()
    {
        ["Text Message"] = "inbound-text.json",
        ["Text Message with Context (Product Inquiry)"] = "inbound-text-context-referred-product.json",
        ["Text Message from Click to WhatsApp Ad"] = "inbound-text-ctwa-referral.json",
        ["Reaction Message"] = "inbound-reaction.json",
        ["Image Message"] = "inbound-image.json",
        ["Location Message"] = "inbound-location.json",
        ["Contact Sharing Message"] = "inbound-contacts.json",
        ["Unsupported Message"] = "inbound-unsupported.json",
        ["Button Message"] = "inbound-button-template-quick-reply.json",
        ["Interactive List Reply Message"] = "inbound-interactive-list-reply.json",
        ["Interactive Button Reply Message"] = "inbound-interactive-button-reply.json",
        ["Order Message"] = "inbound-order.json",
        ["System Message"] = "inbound-system-user-changed-number.json",
    };

    /// <summary>Guards against a new inbound sample being added without a test here.</summary>
    [Fact]
    public void EveryInboundSample_HasATest()
    {
        var tested = new[]
        {
            "inbound-text.json", "inbound-text-context-referred-product.json", "inbound-text-ctwa-referral.json", "inbound-image.json",
            "inbound-document.json", "inbound-sticker.json", "inbound-location.json", "inbound-contacts.json",
            "inbound-interactive-button-reply.json", "inbound-interactive-list-reply.json", "inbound-button-template-quick-reply.json",
            "inbound-reaction.json", "inbound-order.json", "inbound-system-user-changed-number.json", "inbound-unsupported.json",
        };

        Samples.Names("Meta/inbound-").Select(n => n["Meta/".Length..]).Order().ShouldBe(tested.Order());
    }

    [Fact]
    public void Parse_TemplateStatusUpdate_IsAnOtherEventAndATemplateEvent()
    {
        // Shape of Meta's message_template_status_update reference (syntax block), filled with sample values.
        var json = """
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","time":1750269342,"changes":[{"field":"message_template_status_update",
             "value":{"event":"REJECTED","message_template_id":1689556908129832,"message_template_name":"order_confirmation",
                      "message_template_language":"en_US","reason":"INVALID_FORMAT","message_template_category":"UTILITY"}}]}]}
            """;

        var webhook = Parse(json);

        webhook.Batch.Messages.ShouldBeEmpty();
        webhook.Batch.OtherEvents.ShouldHaveSingleItem().ShouldContain("message_template_status_update");
        var e = webhook.TemplateEvents.ShouldHaveSingleItem();
        e.BusinessAccountId.ShouldBe("102290129340398");
        e.Field.ShouldBe(MetaTemplateEvent.StatusField);
        e.Name.ShouldBe("order_confirmation");
        e.Language.ShouldBe("en_US");
        e.TemplateId.ShouldBe("1689556908129832");
        e.Event.ShouldBe("REJECTED");
        e.Reason.ShouldBe("INVALID_FORMAT");
    }

    [Theory]
    [InlineData("\"previous_category\":\"UTILITY\",\"new_category\":\"MARKETING\"", "MARKETING")]
    [InlineData("\"correct_category\":\"MARKETING\",\"new_category\":\"UTILITY\",\"category_update_timestamp\":1750269342", null)]
    public void Parse_TemplateCategoryUpdate_OnlyACompletedChangeSetsTheCategory(string fields, string? expected)
    {
        var json = $$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","time":1750269342,"changes":[{"field":"template_category_update",
             "value":{"message_template_id":1689556908129832,"message_template_name":"order_confirmation","message_template_language":"en_US",{{{fields}}}}}]}]}
            """;

        var e = Parse(json).TemplateEvents.ShouldHaveSingleItem();

        e.Field.ShouldBe(MetaTemplateEvent.CategoryField);
        e.NewCategory.ShouldBe(expected);
    }

    [Fact]
    public void Parse_ChangesForAnotherPhoneNumber_AreNotThisAccountsMessages()
    {
        var webhook = Parse(MetaWebhooks.Sample("inbound-text.json"), phoneNumberId: "999999999999999");

        webhook.Batch.Messages.ShouldBeEmpty();
        webhook.ForeignChanges.ShouldBe(1);
        webhook.Batch.OtherEvents.ShouldHaveSingleItem();
        Parse(MetaWebhooks.Sample("inbound-text.json"), phoneNumberId: FakeMetaGraph.PhoneNumberId).Batch.Messages.ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    public void Parse_NotAJsonObject_Throws(string body) =>
        Should.Throw<JsonException>(() => Parse(body));

    private static string Normalized(InboundMessage m) =>
        JsonSerializer.Serialize(new { m.ProviderMessageId, m.From, m.Content, m.Timestamp }, ParleyJson.Options);
}
