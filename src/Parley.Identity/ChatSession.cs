namespace Parley.Identity;

/// <summary>A conversation signed in to a subject until <paramref name="ExpiresAt"/>.</summary>
public sealed record ChatSession(long ConversationId, IdentitySubject Subject, string Phone, DateTimeOffset StartedAt, DateTimeOffset ExpiresAt);
