using System.Collections.Concurrent;

namespace Parley.Core.Accounts;

/// <summary>
/// The accounts this instance serves, cached in memory: webhook intake and the workers look accounts up
/// on every message. Entries refresh after a short time so changes made by another instance are seen.
/// </summary>
public sealed class AccountRegistry(AccountStore store, TimeProvider time)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (Account? Account, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    public async ValueTask<Account?> FindAsync(string id, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(id, out var hit) && hit.Expires > now)
        {
            return hit.Account;
        }

        var account = await store.FindAsync(id, ct);
        _cache[id] = (account, now + Ttl);
        return account;
    }

    /// <summary>Finds an enabled account of the given provider, or null (the caller answers 404).</summary>
    public async ValueTask<Account?> FindEnabledAsync(string id, string provider, CancellationToken ct = default)
    {
        var account = await FindAsync(id, ct);
        return account is { Enabled: true } && string.Equals(account.Provider, provider, StringComparison.OrdinalIgnoreCase) ? account : null;
    }

    public Task<IReadOnlyList<Account>> ListAsync(CancellationToken ct = default) => store.ListAsync(ct);

    public void Invalidate(string id) => _cache.TryRemove(id, out _);
}
