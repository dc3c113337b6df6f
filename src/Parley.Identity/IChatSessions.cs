namespace Parley.Identity;

/// <summary>Chat sessions: a conversation signed in to a subject for a lifetime.</summary>
public interface IChatSessions
{
    /// <summary>The conversation's session; null if none or expired.</summary>
    Task<ChatSession?> CurrentAsync(long conversationId, CancellationToken ct);

    /// <summary>Signs the conversation in (replacing any session it had).</summary>
    Task<ChatSession> SignInAsync(long conversationId, string phone, IdentitySubject subject, TimeSpan lifetime, CancellationToken ct);

    Task SignOutAsync(long conversationId, CancellationToken ct);
}
