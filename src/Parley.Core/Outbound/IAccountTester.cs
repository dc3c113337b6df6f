using Parley.Core.Accounts;

namespace Parley.Core.Outbound;

/// <summary>Checks that an account's credentials work (<c>accounts test</c>, the admin's connection test).</summary>
public interface IAccountTester
{
    string Provider { get; }

    Task<AccountTestResult> TestAsync(Account account, CancellationToken ct);
}
