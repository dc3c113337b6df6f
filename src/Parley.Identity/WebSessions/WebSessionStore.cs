using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Parley.Core.Storage;
using Parley.Identity.Web;

namespace Parley.Identity.WebSessions;

/// <summary>
/// Web sessions in <c>identity_web_sessions</c>: 256 random bits as the token (<c>ps_</c> + base64url), only its
/// SHA-256 stored (a random 256-bit token needs no slow or keyed hash: it cannot be guessed from its hash).
/// </summary>
public sealed class WebSessionStore(Database database, TimeProvider time, IOptionsMonitor<IdentityOptions> options) : IWebSessions
{
    // Touching last_seen_at on every request would write on every page view; a minute's precision is plenty for sliding.
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    private sealed record Row(long id, string phone, string? client_ip, long started_at, long last_seen_at, long expires_at, long? revoked_at);

    public async Task<WebSessionStart> StartAsync(string phone, string? clientIp, CancellationToken ct)
    {
        var token = IdentityAuthentication.TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.NowMs();
        var expires = now + (long)options.CurrentValue.WebSessionLifetime.TotalMilliseconds;
        await using var c = await database.OpenAsync(ct);
        var id = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO identity_web_sessions (token_hash, phone, client_ip, started_at, last_seen_at, expires_at)
            VALUES (@hash, @phone, @clientIp, @now, @now, @expires) RETURNING id
            """,
            new { hash = Hash(token), phone, clientIp, now, expires }, cancellationToken: ct));
        return new WebSessionStart(token, new WebSession(id, phone, Clock.FromMs(now), Clock.FromMs(now), Clock.FromMs(expires), clientIp));
    }

    public async Task<WebSession?> FindAsync(string token, CancellationToken ct)
    {
        if (!token.StartsWith(IdentityAuthentication.TokenPrefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return null;
        }

        var now = time.NowMs();
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT id, phone, client_ip, started_at, last_seen_at, expires_at, revoked_at FROM identity_web_sessions WHERE token_hash = @hash",
            new { hash = Hash(token) }, cancellationToken: ct));
        if (row is null || row.revoked_at is not null || row.expires_at <= now)
        {
            return null;
        }

        var lastSeen = row.last_seen_at;
        var expires = row.expires_at;
        if (now - row.last_seen_at >= (long)TouchEvery.TotalMilliseconds)
        {
            lastSeen = now;
            expires = now + (long)options.CurrentValue.WebSessionLifetime.TotalMilliseconds;
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE identity_web_sessions SET last_seen_at = @now, expires_at = @expires WHERE id = @id AND revoked_at IS NULL",
                new { now, expires, row.id }, cancellationToken: ct));
        }

        return new WebSession(row.id, row.phone, Clock.FromMs(row.started_at), Clock.FromMs(lastSeen), Clock.FromMs(expires), row.client_ip);
    }

    public async Task RevokeAsync(string token, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE identity_web_sessions SET revoked_at = @now WHERE token_hash = @hash AND revoked_at IS NULL",
            new { now = time.NowMs(), hash = Hash(token) }, cancellationToken: ct));
    }

    /// <summary>Revokes a session by its id (the admin's Sessions page); false when it was not live.</summary>
    public async Task<bool> RevokeByIdAsync(long id, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            "UPDATE identity_web_sessions SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL",
            new { now = time.NowMs(), id }, cancellationToken: ct)) > 0;
    }

    /// <summary>The live sessions, most recently used first (the admin's Sessions page).</summary>
    public async Task<IReadOnlyList<WebSession>> ActiveAsync(int limit, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT id, phone, client_ip, started_at, last_seen_at, expires_at, revoked_at FROM identity_web_sessions
            WHERE revoked_at IS NULL AND expires_at > @now ORDER BY last_seen_at DESC LIMIT @limit
            """,
            new { now = time.NowMs(), limit }, cancellationToken: ct));
        return rows.Select(r => new WebSession(r.id, r.phone, Clock.FromMs(r.started_at), Clock.FromMs(r.last_seen_at), Clock.FromMs(r.expires_at), r.client_ip)).ToList();
    }

    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
