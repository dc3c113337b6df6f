using System.Collections.Concurrent;
using Parley.Core.Accounts;
using Parley.Core.Outbound;

namespace Parley.Admin.Pages.Dashboard;

/// <summary>The last connection test of each account (<see cref="IAccountTester"/>), kept in memory and run again on request.</summary>
public sealed class AccountHealth(IEnumerable<IAccountTester> testers, TimeProvider time, ILogger<AccountHealth> logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly Dictionary<string, IAccountTester> _testers = testers.GroupBy(t => t.Provider, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, AccountCheck> _last = new(StringComparer.Ordinal);

    public sealed record AccountCheck(bool Ok, string Detail, DateTimeOffset At);

    public bool CanTest(Account account) => _testers.ContainsKey(account.Provider);

    public AccountCheck? Last(string accountId) => _last.GetValueOrDefault(accountId);

    public async Task<AccountCheck> TestAsync(Account account, CancellationToken ct)
    {
        AccountCheck check;
        if (!account.Enabled)
        {
            check = new AccountCheck(false, "Disabled.", time.GetUtcNow());
        }
        else if (!_testers.TryGetValue(account.Provider, out var tester))
        {
            check = new AccountCheck(false, $"This build has no connection test for '{account.Provider}'.", time.GetUtcNow());
        }
        else
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(Timeout);
            try
            {
                var result = await tester.TestAsync(account, cts.Token);
                check = new AccountCheck(result.Ok, result.Detail, time.GetUtcNow());
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Connection test of account {AccountId} failed", account.Id);
                check = new AccountCheck(false, ex is OperationCanceledException ? $"No answer within {Timeout.TotalSeconds:0} s." : $"{ex.GetType().Name}: {ex.Message}", time.GetUtcNow());
            }
        }

        _last[account.Id] = check;
        return check;
    }
}
