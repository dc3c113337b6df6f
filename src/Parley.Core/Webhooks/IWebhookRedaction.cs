namespace Parley.Core.Webhooks;

/// <summary>
/// A module that says an account's outgoing webhooks must not carry what people wrote, nor their names and numbers (a
/// clinic: what patients type may be clinical). The event still goes out, with ids, type and time; the message's text
/// and content and the contact's name, phone and WhatsApp id are left out.
/// </summary>
public interface IWebhookRedaction
{
    bool Redacts(string accountId);
}
