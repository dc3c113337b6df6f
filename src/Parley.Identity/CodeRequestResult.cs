namespace Parley.Identity;

/// <summary>What became of a <see cref="CodeRequest"/>.</summary>
public abstract record CodeRequestResult
{
    /// <summary>The code is queued for delivery; it expires at <paramref name="ExpiresAt"/>.</summary>
    /// <param name="MessageId">Core's id of the queued message.</param>
    public sealed record Sent(DateTimeOffset ExpiresAt, long MessageId) : CodeRequestResult;

    /// <summary>No code was sent. <paramref name="Reason"/> is one of <see cref="CodeRefusals"/>; <paramref name="Message"/> says why in a sentence.</summary>
    /// <param name="Field">The request field at fault (<c>phone</c>, <c>account</c>), for problem details; null when none is.</param>
    /// <param name="RetryAfter">When a limit refused it: how long until a code may be requested again.</param>
    public sealed record Refused(string Reason, string Message, TimeSpan? RetryAfter = null, string? Field = null) : CodeRequestResult;
}
