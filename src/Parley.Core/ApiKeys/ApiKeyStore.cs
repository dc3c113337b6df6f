using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Parley.Core.Storage;

namespace Parley.Core.ApiKeys;

/// <summary>
/// Creates, lists, revokes and checks API keys. A key is <c>pk_live_</c> + a 12-character lookup prefix + <c>_</c> +
/// a 256-bit random secret. The table keeps the prefix (to find the row) and the SHA-256 of the whole key,
/// compared in constant time; a fast hash is right here because the secret has full entropy (nothing to brute-force).
/// </summary>
public sealed class ApiKeyStore(Database database, TimeProvider time)
{
    public const string KeyStart = "pk_live_";
    private const int PrefixLength = 12;
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private const int MaxCached = 10_000;
    private static readonly TimeSpan CacheTtl = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, CachedKey> _cache = new(StringComparer.Ordinal);

    private sealed record Row(long id, string name, string prefix, string hash, string scopes, long created_at, string? created_by, long? last_used_at, long? revoked_at);

    private sealed record CachedKey(long Id, string Name, byte[] Hash, IReadOnlyList<string> Scopes, bool Revoked, long Expires)
    {
        public long LastUsedWritten { get; set; }
    }

    public async Task<CreatedApiKey> CreateAsync(string name, IReadOnlyList<string> scopes, string? createdBy = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (scopes.Count == 0 || scopes.Any(s => !ApiScopes.IsKnown(s)))
        {
            throw new ArgumentException($"Scopes must be among {string.Join(", ", ApiScopes.All)}.", nameof(scopes));
        }

        var prefix = RandomString(PrefixLength);
        var key = $"{KeyStart}{prefix}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        var now = time.NowMs();
        await using var c = await database.OpenAsync(ct);
        var id = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO api_keys (name, prefix, hash, scopes, created_at, created_by)
            VALUES (@name, @prefix, @hash, @scopes, @now, @createdBy)
            RETURNING id
            """,
            new { name = name.Trim(), prefix, hash = Convert.ToHexStringLower(Hash(key)), scopes = string.Join(' ', scopes), now, createdBy },
            cancellationToken: ct));
        return new CreatedApiKey(new ApiKeyInfo(id, name.Trim(), prefix, scopes, Clock.FromMs(now)) { CreatedBy = createdBy }, key);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(bool includeRevoked = false, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"SELECT id, name, prefix, hash, scopes, created_at, created_by, last_used_at, revoked_at FROM api_keys {(includeRevoked ? "" : "WHERE revoked_at IS NULL")} ORDER BY id",
            cancellationToken: ct));
        return rows.Select(ToInfo).ToList();
    }

    /// <summary>Finds a key by its id or its prefix (what <c>apikeys list</c> shows).</summary>
    public async Task<ApiKeyInfo?> FindAsync(string idOrPrefix, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT id, name, prefix, hash, scopes, created_at, created_by, last_used_at, revoked_at FROM api_keys WHERE prefix = @prefix OR id = @id",
            new { prefix = idOrPrefix, id = long.TryParse(idOrPrefix, out var n) ? n : -1 }, cancellationToken: ct));
        return row is null ? null : ToInfo(row);
    }

    /// <summary>Revokes a key at once for this instance (other instances see it within the cache lifetime, 30 s).</summary>
    public async Task<bool> RevokeAsync(long id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var prefix = await c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL RETURNING prefix",
            new { id, now = time.NowMs() }, cancellationToken: ct));
        if (prefix is not null)
        {
            _cache.TryRemove(prefix, out _);
        }

        return prefix is not null;
    }

    /// <summary>Checks a presented key; null when it is malformed, unknown, wrong or revoked.</summary>
    public async ValueTask<ApiKeyInfo?> AuthenticateAsync(string? presented, CancellationToken ct = default)
    {
        if (!TryGetPrefix(presented, out var prefix))
        {
            return null;
        }

        var now = time.NowMs();
        if (!_cache.TryGetValue(prefix, out var cached) || cached.Expires < now)
        {
            await using var c = await database.OpenAsync(ct);
            var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                "SELECT id, name, prefix, hash, scopes, created_at, created_by, last_used_at, revoked_at FROM api_keys WHERE prefix = @prefix",
                new { prefix }, cancellationToken: ct));
            // Unknown prefixes are cached too (with an empty hash), so random keys cost no database round trip.
            cached = row is null
                ? new CachedKey(0, "", [], [], true, now + (long)CacheTtl.TotalMilliseconds)
                : new CachedKey(row.id, row.name, Convert.FromHexString(row.hash), SplitScopes(row.scopes), row.revoked_at is not null, now + (long)CacheTtl.TotalMilliseconds)
                {
                    LastUsedWritten = row.last_used_at ?? 0,
                };
            if (_cache.Count >= MaxCached)
            {
                // Bounded: a flood of made-up prefixes must not grow memory without end.
                _cache.Clear();
            }

            _cache[prefix] = cached;
        }

        var hash = Hash(presented!);
        if (cached.Revoked || cached.Hash.Length != hash.Length || !CryptographicOperations.FixedTimeEquals(cached.Hash, hash))
        {
            return null;
        }

        if (now - cached.LastUsedWritten > LastUsedResolution.TotalMilliseconds)
        {
            // Written at most once a minute per key and instance: keeps the API's hot path read-only.
            cached.LastUsedWritten = now;
            await using var c = await database.OpenAsync(ct);
            await c.ExecuteAsync(new CommandDefinition("UPDATE api_keys SET last_used_at = @now WHERE id = @Id", new { now, cached.Id }, cancellationToken: ct));
        }

        return new ApiKeyInfo(cached.Id, cached.Name, prefix, cached.Scopes, default);
    }

    private static bool TryGetPrefix(string? key, out string prefix)
    {
        prefix = "";
        if (key is null || key.Length > 200 || !key.StartsWith(KeyStart, StringComparison.Ordinal))
        {
            return false;
        }

        var end = key.IndexOf('_', KeyStart.Length);
        if (end - KeyStart.Length != PrefixLength)
        {
            return false;
        }

        prefix = key[KeyStart.Length..end];
        return true;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string RandomString(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static List<string> SplitScopes(string scopes) => [.. scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    private static ApiKeyInfo ToInfo(Row r) => new(r.id, r.name, r.prefix, SplitScopes(r.scopes), Clock.FromMs(r.created_at))
    {
        CreatedBy = r.created_by,
        LastUsedAt = r.last_used_at is { } u ? Clock.FromMs(u) : null,
        RevokedAt = r.revoked_at is { } v ? Clock.FromMs(v) : null,
    };
}
