using Parley.Core.Accounts;
using Parley.Core.Outbound;

namespace Parley.Channels.Sandbox;

/// <summary>The sandbox talks to no provider: its accounts always pass the connection test.</summary>
public sealed class SandboxAccountTester : IAccountTester
{
    public string Provider => Providers.Sandbox;

    public Task<AccountTestResult> TestAsync(Account account, CancellationToken ct) =>
        Task.FromResult(new AccountTestResult(true, "Sandbox accounts need no credentials."));
}
