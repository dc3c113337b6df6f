namespace Parley.Admin.Pages.Accounts;

/// <summary>The settings and secrets each provider's accounts need (CONTRACTS.md), for the account form.</summary>
public static class AccountFields
{
    public sealed record Field(string Key, string Label, bool Secret, string? Hint = null);

    public static IReadOnlyList<Field> For(string provider) => provider switch
    {
        "meta" =>
        [
            new("PhoneNumberId", "Phone number id", false, "From WhatsApp Manager → API setup."),
            new("BusinessAccountId", "WhatsApp Business account id", false, "Needed to sync templates."),
            new("ApiBaseUrl", "Graph API base URL", false, "Default https://graph.facebook.com/v23.0"),
            new("AccessToken", "Access token", true),
            new("AppSecret", "App secret", true, "Checks X-Hub-Signature-256 of each webhook."),
            new("VerifyToken", "Verify token", true, "Any secret string; enter the same in Meta's webhook settings."),
        ],
        "twilio" =>
        [
            new("AccountSid", "Account SID", false),
            new("From", "From (whatsapp:+E164)", false, "Like whatsapp:+14155238886"),
            new("ApiBaseUrl", "API base URL", false, "Default https://api.twilio.com"),
            new("AuthToken", "Auth token", true, "Also checks X-Twilio-Signature of each webhook."),
        ],
        "acs" =>
        [
            new("Endpoint", "Endpoint", false, "https://NAME.communication.azure.com"),
            new("ChannelRegistrationId", "Channel registration id", false),
            new("AccessKey", "Access key", true),
            new("WebhookSecret", "Webhook secret", true, "Event Grid calls the webhook with ?code= this secret."),
        ],
        _ => [],
    };

    /// <summary>The URL to paste into the provider's console, or null when the provider needs none (the sandbox).</summary>
    public static string? WebhookUrl(string baseUrl, string provider, string accountId) => provider switch
    {
        "meta" or "twilio" => $"{baseUrl.TrimEnd('/')}/webhooks/{provider}/{Uri.EscapeDataString(accountId)}",
        "acs" => $"{baseUrl.TrimEnd('/')}/webhooks/acs/{Uri.EscapeDataString(accountId)}?code=YOUR_WEBHOOK_SECRET",
        _ => null,
    };
}
