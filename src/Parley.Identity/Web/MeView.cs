namespace Parley.Identity.Web;

/// <summary>Who the session belongs to.</summary>
public sealed record MeView(string Phone, DateTimeOffset StartedAt, DateTimeOffset ExpiresAt);
