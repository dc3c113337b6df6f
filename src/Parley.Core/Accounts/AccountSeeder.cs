using Microsoft.Extensions.Logging;
using Parley.Core.Inbound;
using Parley.Core.Outbound;
using Parley.Core.Startup;

namespace Parley.Core.Accounts;

/// <summary>Creates or updates the accounts declared in configuration and by built-in channels, after checking them.</summary>
public sealed class AccountSeeder(
    IEnumerable<IAccountSource> sources,
    AccountStore store,
    BotCatalog bots,
    ChannelCatalog channels,
    ILogger<AccountSeeder> logger) : IStartupTask
{
    public string Name => "core.accounts";

    public StartupPhase Phase => StartupPhase.Accounts;

    public Task RunAsync(CancellationToken ct) => SeedAsync(ct);

    public async Task SeedAsync(CancellationToken ct)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var account in sources.SelectMany(s => s.Accounts()))
        {
            if (!seen.Add(account.Id))
            {
                throw new InvalidOperationException($"Account id '{account.Id}' is declared twice.");
            }

            if (channels.For(account.Provider) is null)
            {
                throw new InvalidOperationException(
                    $"Account '{account.Id}' uses provider '{account.Provider}', which this build does not serve (available: {string.Join(", ", channels.Providers)}).");
            }

            if (account.Bot is not null && !bots.Exists(account.Bot))
            {
                throw new InvalidOperationException(
                    $"Account '{account.Id}' asks for bot '{account.Bot}', which does not exist (available: {string.Join(", ", bots.All.Select(b => b.Name))}).");
            }

            await store.UpsertAsync(account, ct);
            logger.LogInformation("Account {AccountId} ({Provider}) ready, bot {Bot}", account.Id, account.Provider, account.Bot ?? bots.DefaultBot);
        }
    }
}
