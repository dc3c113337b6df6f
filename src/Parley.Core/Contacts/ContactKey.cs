using Parley.Core.Messaging;

namespace Parley.Core.Contacts;

/// <summary>
/// The one identity a person has in an account, whatever form a provider wrote their number in: the digits of the
/// normalized E.164 number without <c>+</c> (<see cref="PhoneNumber.WaId"/>). Meta's wa_id <c>15550003333</c>, Twilio's
/// <c>whatsapp:+15550003333</c>, ACS's <c>+15550003333</c> or <c>15550003333</c>, the API's <c>+1 555-000-3333</c> and
/// Meta's Mexican <c>5215512345678</c> each land on one contact. Ids that are not phone numbers (Meta's business-scoped
/// user ids) are kept as written. Contacts are created (<see cref="Conversations.ConversationWriter"/>) and looked up
/// (<see cref="ContactDirectory"/>, <see cref="Conversations.ConversationQueries"/>) through it, and migration
/// <c>core 0011_contacts_one_per_number</c> merged the contacts stored before it.
/// </summary>
public static class ContactKey
{
    /// <summary>The key of a parsed number.</summary>
    public static string For(PhoneNumber phone) => phone.WaId;

    /// <summary>The key of an id as a provider or a person wrote it; not a phone number: the id, trimmed.</summary>
    public static string Canonical(string id)
    {
        var trimmed = id.Trim();
        var digits = trimmed.StartsWith('+') ? trimmed[1..] : trimmed;
        if (digits.Length > 0 && digits.All(char.IsAsciiDigit))
        {
            // Digits with the country code, any length (ParseWaId), as Meta, Twilio's WaId and ACS send them.
            return PhoneNumber.TryParseWaId(digits, out var waId) ? waId.WaId : trimmed;
        }

        return PhoneNumber.TryParse(trimmed, null, out var number) ? number.WaId : trimmed;
    }

    /// <summary>The contact with its canonical key, and its E.164 phone when the key is a number and none was given.</summary>
    public static ContactRef Canonical(ContactRef contact)
    {
        var key = Canonical(contact.WaId);
        var phone = contact.Phone ?? (PhoneNumber.TryParseWaId(key, out var number) ? number.ToE164() : null);
        return key == contact.WaId && phone == contact.Phone ? contact : contact with { WaId = key, Phone = phone };
    }
}
