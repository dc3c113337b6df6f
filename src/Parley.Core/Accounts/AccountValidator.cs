using Parley.Core.Inbound;
using Parley.Core.Outbound;

namespace Parley.Core.Accounts;

/// <summary>
/// Checks an account before it is stored or served: a URL-safe id, a provider this build serves, an existing bot,
/// and the settings and secrets the provider needs. Errors name the key (<c>AccessToken</c>); callers add their prefix.
/// </summary>
public sealed class AccountValidator(ChannelCatalog channels, BotCatalog bots, IEnumerable<IAccountRules> rules)
{
    /// <summary>What each provider needs to send and to verify webhooks (see CONTRACTS.md).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> RequiredKeys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
    {
        [Providers.Meta] = ["PhoneNumberId", "AccessToken", "AppSecret", "VerifyToken"],
        [Providers.Twilio] = ["AccountSid", "AuthToken"],
        [Providers.Acs] = ["Endpoint", "AccessKey", "ChannelRegistrationId", "WebhookSecret"],
        [Providers.Sandbox] = [],
    };

    public IReadOnlyList<FieldError> Validate(Account account)
    {
        var errors = new List<FieldError>();
        if (!ConfiguredAccounts.IdPattern().IsMatch(account.Id))
        {
            errors.Add(new("Id", $"The id must be URL-safe (letters, digits, '-' and '_', at most 64), but it is '{account.Id}'."));
        }

        if (!Providers.All.Contains(account.Provider, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(new("Provider", $"The provider must be one of {string.Join(", ", Providers.All)}, but it is '{account.Provider}'."));
            return errors;
        }

        if (channels.For(account.Provider) is null)
        {
            errors.Add(new("Provider", $"'{account.Provider}' is not served by this build (available: {string.Join(", ", channels.Providers)})."));
        }

        if (account.Bot is not null && !bots.Exists(account.Bot))
        {
            errors.Add(new("Bot", $"Bot '{account.Bot}' does not exist (available: {string.Join(", ", bots.All.Select(b => b.Name))})."));
        }

        foreach (var key in RequiredKeys.GetValueOrDefault(account.Provider, []))
        {
            var present = AccountSecrets.IsSecret(key) ? account.Secret(key) : account.Setting(key);
            if (present is null)
            {
                errors.Add(new(key, $"'{key}' is required for {account.Provider} accounts{(AccountSecrets.IsSecret(key) ? " (a secret, stored encrypted)" : "")}."));
            }
        }

        if (account.Provider.Equals(Providers.Twilio, StringComparison.OrdinalIgnoreCase) && account.Setting("From") is null && account.Setting("MessagingServiceSid") is null)
        {
            errors.Add(new("From", "'From' (whatsapp:+E164) or 'MessagingServiceSid' is required for twilio accounts."));
        }

        foreach (var rule in rules.Where(r => string.Equals(r.Provider, account.Provider, StringComparison.OrdinalIgnoreCase)))
        {
            errors.AddRange(rule.Validate(account));
        }

        return errors;
    }
}
