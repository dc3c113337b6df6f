using System.Net.Http.Headers;
using System.Text;
using Parley.Core.Accounts;

namespace Parley.Channels.Twilio;

/// <summary>A Twilio account's settings: <c>AccountSid</c>, <c>AuthToken</c> (secret), <c>From</c>, <c>ApiBaseUrl</c>.</summary>
public sealed record TwilioSettings(string AccountSid, string AuthToken, string? From, string? MessagingServiceSid, string ApiBaseUrl)
{
    public const string DefaultApiBaseUrl = "https://api.twilio.com";

    /// <summary>Reads the settings, or says which one is missing.</summary>
    public static TwilioSettings? Read(Account account, out string? problem)
    {
        var sid = account.Setting("AccountSid");
        var token = account.Secret("AuthToken") ?? account.Setting("AuthToken");
        problem = (sid, token) switch
        {
            (null, _) => $"Twilio account '{account.Id}' has no AccountSid setting.",
            (_, null) => $"Twilio account '{account.Id}' has no AuthToken.",
            _ => null,
        };
        if (problem is not null)
        {
            return null;
        }

        var baseUrl = (account.Setting("ApiBaseUrl") ?? DefaultApiBaseUrl).TrimEnd('/');
        return new TwilioSettings(sid!, token!, account.Setting("From"), account.Setting("MessagingServiceSid"), baseUrl);
    }

    /// <summary>HTTP Basic with AccountSid:AuthToken, as Twilio's REST API and media URLs require.</summary>
    public AuthenticationHeaderValue BasicAuth() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}")));

    public string AccountUrl => $"{ApiBaseUrl}/2010-04-01/Accounts/{Uri.EscapeDataString(AccountSid)}";

    /// <summary>Never prints the auth token.</summary>
    public override string ToString() => $"Twilio {AccountSid}";
}
