using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Parley.Core.Accounts;

/// <summary>
/// Reads <c>Parley:Accounts:{n}</c>. Well-known keys become the account's fields, secret keys its encrypted
/// secrets, and every other key (nested ones as <c>Ai:Model</c>) a setting.
/// </summary>
public sealed partial class ConfiguredAccounts(IConfiguration configuration) : IAccountSource
{
    public const string SectionName = "Parley:Accounts";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    public static partial Regex IdPattern();

    public IEnumerable<Account> Accounts()
    {
        foreach (var section in configuration.GetSection(SectionName).GetChildren())
        {
            yield return Read(section);
        }
    }

    public static Account Read(IConfigurationSection section)
    {
        var path = section.Path;
        var id = section["Id"];
        if (string.IsNullOrWhiteSpace(id) || !IdPattern().IsMatch(id))
        {
            throw new InvalidOperationException(
                $"{path}:Id must be a URL-safe id (letters, digits, '-' and '_', at most 64), but it is '{id}'.");
        }

        // Whether a channel serves the provider is checked with the other account rules when accounts are seeded.
        var provider = section["Provider"]?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(provider))
        {
            throw new InvalidOperationException($"{path}:Provider is required (the channel that serves the account, e.g. meta).");
        }

        if (section[AccountNumbers.DefaultCountryCodeKey] is { Length: > 0 } countryCode
            && AccountNumbers.Validate(new Account(id, provider) { Settings = new Dictionary<string, string> { [AccountNumbers.DefaultCountryCodeKey] = countryCode } }) is not null)
        {
            throw new InvalidOperationException(
                $"{path}:{AccountNumbers.DefaultCountryCodeKey} must be an assigned country calling code such as 1, 44 or 52, but it is '{countryCode}'.");
        }

        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var secrets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in section.AsEnumerable(makePathsRelative: true))
        {
            if (value is null || key is "Id" or "Provider" or "Bot" or "DisplayName" or "Enabled")
            {
                continue;
            }

            (AccountSecrets.IsSecret(key) ? secrets : settings)[key] = value;
        }

        return new Account(id, provider)
        {
            Bot = string.IsNullOrWhiteSpace(section["Bot"]) ? null : section["Bot"]!.Trim(),
            DisplayName = section["DisplayName"],
            Enabled = !bool.TryParse(section["Enabled"], out var enabled) || enabled,
            Source = "config",
            Settings = settings,
            Secrets = secrets,
        };
    }
}
