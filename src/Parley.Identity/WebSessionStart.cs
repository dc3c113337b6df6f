namespace Parley.Identity;

/// <summary>A new web session: <paramref name="Token"/> is shown once (cookie or bearer) and never stored.</summary>
public sealed record WebSessionStart(string Token, WebSession Session);
