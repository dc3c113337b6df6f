using Parley.Core;
using Parley.Core.Accounts;

namespace Parley.Channels.Twilio;

/// <summary>A Twilio account signs in with its SID and auth token and sends from a WhatsApp sender or a messaging service.</summary>
public sealed class TwilioAccountRules : IAccountRules
{
    public string Provider => Providers.Twilio;

    public IReadOnlyList<string> RequiredKeys { get; } = ["AccountSid", "AuthToken"];

    public IEnumerable<FieldError> Validate(Account account)
    {
        if (account.Setting("From") is null && account.Setting("MessagingServiceSid") is null)
        {
            yield return new("From", "'From' (whatsapp:+E164) or 'MessagingServiceSid' is required for twilio accounts.");
        }
    }
}
