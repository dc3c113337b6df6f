using System.Collections.Concurrent;
using Parley.Core.Accounts;
using Parley.Core.Outbound;
using Parley.Core.Statistics;

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

    /// <summary>
    /// The provider's health from what the account's traffic shows (<paramref name="activity"/>, the last 24 hours) and its
    /// last connection test: a failed test or a last send that failed is a problem, failures among successes a warning,
    /// no traffic is idle.
    /// </summary>
    public ProviderState Assess(Account account, AccountActivity? activity)
    {
        var test = Last(account.Id);
        if (!account.Enabled)
        {
            return new ProviderState("idle", "Disabled", null);
        }

        if (test is { Ok: false } && (activity?.LastSendAt is null || test.At > activity.LastSendAt))
        {
            return new ProviderState("bad", "Connection test failed", test.Detail);
        }

        var d = activity?.Delivery ?? new DeliveryCounts(0, 0, 0, 0, 0);
        var left = d.Sent + d.Delivered + d.Read + d.Failed;
        if (activity is null || (activity.Inbound == 0 && d.Total == 0))
        {
            return activity?.FailedWebhookEvents > 0
                ? new ProviderState("warn", $"{activity.FailedWebhookEvents} webhook(s) could not be read", "Replay them under Webhook events.")
                : new ProviderState("idle", "No messages in 24 h", test is { Ok: true } ? $"Connection test passed: {test.Detail}" : null);
        }

        if (activity.LastSendStatus == "failed")
        {
            return new ProviderState("bad", "The last send failed", Reason(activity));
        }

        if (d.Failed > 0)
        {
            return new ProviderState("warn", $"{d.Failed} of {left} sends failed", Reason(activity));
        }

        if (activity.FailedWebhookEvents > 0)
        {
            return new ProviderState("warn", $"{activity.FailedWebhookEvents} webhook(s) could not be read", "Replay them under Webhook events.");
        }

        return left == 0
            ? new ProviderState("ok", "Receiving", d.Queued > 0 ? $"{d.Queued} waiting to send" : null)
            : new ProviderState("ok", $"Sending: {(d.DeliveryRate is { } rate ? (rate * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " % delivered" : "no receipts yet")}", null);
    }

    private static string Reason(AccountActivity a) =>
        string.Join(" ", new[] { a.LastFailureCode, a.LastFailureReason }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } r ? r : "no reason given";

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
