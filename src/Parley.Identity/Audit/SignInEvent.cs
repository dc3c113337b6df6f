namespace Parley.Identity.Audit;

/// <summary>One line of the sign-in audit (the number is stored masked).</summary>
public sealed record SignInEvent(long Id, DateTimeOffset At, string Channel, string Event, string PhoneMasked)
{
    public string? ClientIp { get; init; }
    public long? ConversationId { get; init; }
    public string? Realm { get; init; }
    public string? Detail { get; init; }

    /// <summary>Whether the event is a success (sent, verified, signed in) rather than a failure or a refusal.</summary>
    public bool Succeeded => Event is SignInEvents.CodeSent or SignInEvents.Verified or SignInEvents.SignedIn or SignInEvents.SignedOut;
}
