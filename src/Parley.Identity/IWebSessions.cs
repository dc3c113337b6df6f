namespace Parley.Identity;

/// <summary>
/// Web sessions: an opaque 256-bit token, stored hashed, with a sliding lifetime
/// (<c>Parley:Identity:WebSessionLifetime</c>); sent as the <c>parley_session</c> cookie or as a bearer token.
/// </summary>
public interface IWebSessions
{
    /// <summary>Starts a session for a number whose control was just proven.</summary>
    Task<WebSessionStart> StartAsync(string phone, string? clientIp, CancellationToken ct);

    /// <summary>The live session of the token (its lifetime slides); null when unknown, expired or revoked.</summary>
    Task<WebSession?> FindAsync(string token, CancellationToken ct);

    /// <summary>Ends the session of the token at once (logout).</summary>
    Task RevokeAsync(string token, CancellationToken ct);
}
