namespace Parley.Identity;

/// <summary>A signed-in web session (the token itself is never stored, only its hash).</summary>
/// <param name="Id">Identity's id of the session (for the admin and revocation by id).</param>
/// <param name="Phone">The number whose control was proven, E.164.</param>
public sealed record WebSession(long Id, string Phone, DateTimeOffset StartedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt, string? ClientIp);
