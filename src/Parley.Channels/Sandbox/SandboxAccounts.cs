using Microsoft.Extensions.Options;
using Parley.Core.Accounts;

namespace Parley.Channels.Sandbox;

/// <summary>The account <c>sandbox</c>, served by the default bot, whenever the sandbox is enabled.</summary>
public sealed class SandboxAccounts(IOptions<SandboxOptions> options) : IAccountSource
{
    public const string DefaultAccountId = "sandbox";

    public IEnumerable<Account> Accounts()
    {
        if (options.Value.Enabled)
        {
            yield return new Account(DefaultAccountId, Providers.Sandbox) { Source = "builtin", DisplayName = "Sandbox" };
        }
    }
}
