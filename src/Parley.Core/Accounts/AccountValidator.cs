using Parley.Core.Inbound;
using Parley.Core.Outbound;

namespace Parley.Core.Accounts;

/// <summary>
/// Checks an account before it is stored or served: a URL-safe id, a provider this build serves, an existing bot,
/// and the settings and secrets the provider needs. Errors name the key (<c>AccessToken</c>); callers add their prefix.
/// </summary>
public sealed class AccountValidator(ChannelCatalog channels, BotCatalog bots, IEnumerable<IAccountRules> rules)
{
    private readonly Dictionary<string, IAccountRules> _rules = rules.ToDictionary(r => r.Provider, StringComparer.OrdinalIgnoreCase);

    /// <summary>The keys an account of <paramref name="provider"/> must have (empty for an unknown provider).</summary>
    public IReadOnlyList<string> RequiredKeys(string provider) => _rules.TryGetValue(provider, out var r) ? r.RequiredKeys : [];

    public IReadOnlyList<FieldError> Validate(Account account)
    {
        var errors = new List<FieldError>();
        if (!ConfiguredAccounts.IdPattern().IsMatch(account.Id))
        {
            errors.Add(new("Id", $"The id must be URL-safe (letters, digits, '-' and '_', at most 64), but it is '{account.Id}'."));
        }

        if (channels.For(account.Provider) is null)
        {
            errors.Add(new("Provider", $"The provider must be one of {string.Join(", ", channels.Providers.Order(StringComparer.Ordinal))}, but it is '{account.Provider}'."));
            return errors;
        }

        if (account.Bot is not null && !bots.Exists(account.Bot))
        {
            errors.Add(new("Bot", $"Bot '{account.Bot}' does not exist (available: {string.Join(", ", bots.All.Select(b => b.Name))})."));
        }

        if (_rules.TryGetValue(account.Provider, out var provider))
        {
            foreach (var key in provider.RequiredKeys)
            {
                var present = AccountSecrets.IsSecret(key) ? account.Secret(key) : account.Setting(key);
                if (present is null)
                {
                    errors.Add(new(key, $"'{key}' is required for {account.Provider} accounts{(AccountSecrets.IsSecret(key) ? " (a secret, stored encrypted)" : "")}."));
                }
            }

            errors.AddRange(provider.Validate(account));
        }

        if (AccountNumbers.Validate(account) is { } countryCode)
        {
            errors.Add(countryCode);
        }

        return errors;
    }
}
