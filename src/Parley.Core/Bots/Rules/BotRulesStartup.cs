using Parley.Core.Accounts;
using Parley.Core.Startup;

namespace Parley.Core.Bots.Rules;

/// <summary>Checks the rule settings of every enabled account at start, so a wrong one stops the start with a sentence that names it.</summary>
public sealed class BotRulesStartup(AccountRegistry accounts, BotRules rules) : IStartupTask
{
    public string Name => "bots.rules";

    public StartupPhase Phase => StartupPhase.Content;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var account in await accounts.ListAsync(cancellationToken))
        {
            if (account.Enabled)
            {
                rules.SettingsFor(account);
            }
        }
    }
}
