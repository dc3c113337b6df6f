namespace Parley.Bots.Engine.RateLimiting;

/// <summary>
/// Counts each contact's messages in a sliding window. This instance's memory now
/// (<see cref="InMemoryContactRateLimiter"/>), or shared by all instances in Redis (<see cref="RedisContactRateLimiter"/>).
/// </summary>
public interface IContactRateLimiter
{
    ValueTask<RateLimitDecision> CheckAsync(RateLimitRequest request, CancellationToken ct);
}

/// <param name="MessageId">The same message asked twice (a retried message) gets the same decision and is counted once.</param>
/// <param name="At">When the message arrived (stored), not when it is processed: a backlog after an outage is not a burst.</param>
public sealed record RateLimitRequest(string AccountId, long ContactId, long MessageId, DateTimeOffset At, int Limit, TimeSpan Window);

public enum RateLimitDecision
{
    Allowed,

    /// <summary>Over the limit, and the first such message in this window: the bot sends its one notice.</summary>
    LimitedNotify,

    /// <summary>Over the limit, notice already sent: silence.</summary>
    Limited,
}
