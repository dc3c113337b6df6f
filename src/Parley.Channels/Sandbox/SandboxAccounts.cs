using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Inbound;

namespace Parley.Channels.Sandbox;

/// <summary>
/// Whenever the sandbox is enabled: the account <c>sandbox</c>, served by the default bot, and one account per other
/// registered bot, named after it (<c>echo</c>, ...), so every built-in bot can be tried from the sandbox.
/// </summary>
public sealed class SandboxAccounts(IOptions<SandboxOptions> options, BotCatalog bots) : IAccountSource
{
    public const string DefaultAccountId = "sandbox";

    public IEnumerable<Account> Accounts()
    {
        if (!options.Value.Enabled)
        {
            yield break;
        }

        yield return new Account(DefaultAccountId, Providers.Sandbox) { Source = "builtin", DisplayName = "Sandbox" };
        foreach (var bot in bots.All.OrderBy(b => b.Name, StringComparer.Ordinal))
        {
            if (string.Equals(bot.Name, bots.DefaultBot, StringComparison.OrdinalIgnoreCase)
                || string.Equals(bot.Name, DefaultAccountId, StringComparison.OrdinalIgnoreCase)
                || !ConfiguredAccounts.IdPattern().IsMatch(bot.Name))
            {
                continue;
            }

            yield return new Account(bot.Name, Providers.Sandbox) { Bot = bot.Name, Source = "builtin", DisplayName = $"Sandbox ({bot.Name})" };
        }
    }
}
