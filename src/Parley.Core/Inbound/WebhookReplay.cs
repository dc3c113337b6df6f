using Microsoft.Extensions.Logging;
using Parley.Core.Accounts;

namespace Parley.Core.Inbound;

/// <summary>Replays failed provider webhook events through their channel's parser and the normal intake.</summary>
public sealed class WebhookReplay(
    WebhookEventStore events,
    IEnumerable<IWebhookReplayer> replayers,
    AccountRegistry accounts,
    IntakeStore intake,
    ILogger<WebhookReplay> logger)
{
    private readonly Dictionary<string, IWebhookReplayer> _replayers = replayers.ToDictionary(r => r.Provider, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Providers => _replayers.Keys;

    public async Task<IReadOnlyList<ReplayResult>> ReplayAsync(IEnumerable<long> ids, CancellationToken ct = default)
    {
        var results = new List<ReplayResult>();
        foreach (var id in ids.Distinct())
        {
            results.Add(await ReplayOneAsync(id, ct));
        }

        return results;
    }

    /// <summary>Replays every failed event (oldest first, at most <paramref name="limit"/>).</summary>
    public async Task<IReadOnlyList<ReplayResult>> ReplayFailedAsync(string? accountId, int limit, CancellationToken ct = default) =>
        await ReplayAsync(await events.FailedIdsAsync(accountId, limit, ct), ct);

    private async Task<ReplayResult> ReplayOneAsync(long id, CancellationToken ct)
    {
        var stored = await events.FindAsync(id, ct);
        if (stored is null)
        {
            return new ReplayResult(id, ReplayOutcome.NotFound, $"No webhook event {id}.");
        }

        if (stored.State != StoredWebhookEvent.Failed)
        {
            return new ReplayResult(id, ReplayOutcome.NotFailed, $"Event {id} is '{stored.State}', not failed: it was stored already.");
        }

        if (!_replayers.TryGetValue(stored.Provider, out var replayer))
        {
            return new ReplayResult(id, ReplayOutcome.Unsupported, $"This build cannot replay '{stored.Provider}' events yet (it can replay: {string.Join(", ", _replayers.Keys)}).");
        }

        var account = await accounts.FindAsync(stored.AccountId, ct);
        if (account is not { Enabled: true })
        {
            return new ReplayResult(id, ReplayOutcome.AccountMissing, $"Account '{stored.AccountId}' does not exist or is disabled.");
        }

        try
        {
            var batch = await replayer.ParseAsync(account, stored, ct);
            var result = await intake.StoreAsync(batch with { ReplayOfEventId = id }, ct);
            logger.LogInformation("Replayed webhook event {EventId}: {New} new message(s), {Statuses} status(es)", id, result.NewMessageIds.Count, result.Statuses);
            return new ReplayResult(id, ReplayOutcome.Replayed, $"{result.NewMessageIds.Count} new message(s), {result.DuplicateMessages} already stored, {result.Statuses} status(es).");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var reason = $"{ex.GetType().Name}: {ex.Message}";
            await events.MarkFailedAsync(id, reason, ct);
            return new ReplayResult(id, ReplayOutcome.Failed, reason);
        }
    }
}
