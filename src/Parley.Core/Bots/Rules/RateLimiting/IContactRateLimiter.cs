namespace Parley.Core.Bots.Rules.RateLimiting;

/// <summary>
/// Counts each contact's messages in a sliding window. This instance's memory now
/// (<see cref="InMemoryContactRateLimiter"/>), or shared by all instances in Redis (<see cref="RedisContactRateLimiter"/>).
/// </summary>
public interface IContactRateLimiter
{
    ValueTask<RateLimitDecision> CheckAsync(RateLimitRequest request, CancellationToken ct);
}
