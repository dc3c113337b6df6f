using Microsoft.Extensions.AI;
using Parley.Core.Accounts;

namespace Parley.Cli;

/// <summary>Finds an account for a CLI command: declared in configuration (maybe not stored yet) or stored.</summary>
internal static class CliAccounts
{
    public static async Task<Account> FindAsync(IServiceProvider services, string id, CancellationToken ct)
    {
        var declared = services.GetServices<IAccountSource>().SelectMany(s => s.Accounts()).FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.OrdinalIgnoreCase));
        if (declared is not null)
        {
            return declared;
        }

        var stored = await services.GetRequiredService<AccountStore>().FindAsync(id, ct);
        return stored ?? throw new InvalidOperationException($"There is no account '{id}'.");
    }
}
