using Microsoft.Extensions.Configuration;
using Parley.Core.Accounts;
using Parley.Core.Inbound;

namespace Parley.Channels.Sandbox;

/// <summary>
/// Built-in sandbox accounts, whenever the sandbox is on (<see cref="SandboxExposure.Enabled"/>, decided from the configured addresses at start): <c>sandbox</c>, served by the default bot,
/// and one more per other registered bot, named after it (<c>ministry</c> → the ministry bot), so every bot
/// can be tried in <c>/sandbox</c> without configuration. An id that configuration declares is left to it.
/// </summary>
public sealed class SandboxAccounts(SandboxExposure exposure, BotCatalog bots, IConfiguration configuration) : IAccountSource
{
    public const string DefaultAccountId = "sandbox";

    public IEnumerable<Account> Accounts()
    {
        if (!exposure.Enabled)
        {
            yield break;
        }

        var declared = configuration.GetSection(ConfiguredAccounts.SectionName).GetChildren()
            .Select(s => s["Id"]?.Trim())
            .Where(id => !string.IsNullOrEmpty(id))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!declared.Contains(DefaultAccountId))
        {
            yield return new Account(DefaultAccountId, Providers.Sandbox) { Source = "builtin", DisplayName = "Sandbox" };
        }

        foreach (var bot in bots.All.OrderBy(b => b.Name, StringComparer.Ordinal))
        {
            var id = bot.Name.ToLowerInvariant();
            if (string.Equals(bot.Name, bots.DefaultBot, StringComparison.OrdinalIgnoreCase)
                || id == DefaultAccountId
                || declared.Contains(id)
                || !ConfiguredAccounts.IdPattern().IsMatch(id))
            {
                continue;
            }

            yield return new Account(id, Providers.Sandbox)
            {
                Bot = bot.Name,
                Source = "builtin",
                DisplayName = char.ToUpperInvariant(bot.Name[0]) + bot.Name[1..],
            };
        }
    }
}
