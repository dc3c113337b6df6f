using System.Globalization;
using Parley.Core.Redis;

namespace Parley.Core.Bots.Rules.RateLimiting;

/// <summary>
/// The per-contact sliding window in Redis, shared by every instance: one atomic Lua script per message decides,
/// with the same rules as <see cref="InMemoryContactRateLimiter"/> (only answered messages fill the window, one notice
/// per flood, the same message asked twice gets the same decision). Without Redis, or while it is down, the
/// in-process limiter decides (so a flood spread over instances is limited per instance during an outage).
/// </summary>
public sealed class RedisContactRateLimiter(RedisConnection redis, InMemoryContactRateLimiter local) : IContactRateLimiter
{
    // KEYS: 1 answered messages (sorted set, score = arrival ms), 2 decisions by message id (hash), 3 notice sent (flag).
    // ARGV: message id, arrival ms, window ms, limit. Returns 0 allowed, 1 limited with notice, 2 limited.
    // The keys expire two windows after the contact's last message, so memory follows active contacts.
    internal const string Script =
        """
        local prior = redis.call('HGET', KEYS[2], ARGV[1])
        if prior then return tonumber(prior) end
        local at = tonumber(ARGV[2])
        local window = tonumber(ARGV[3])
        local limit = tonumber(ARGV[4])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', at - window)
        local decision
        if redis.call('ZCARD', KEYS[1]) < limit then
            redis.call('ZADD', KEYS[1], at, ARGV[1])
            redis.call('DEL', KEYS[3])
            decision = 0
        elseif redis.call('EXISTS', KEYS[3]) == 0 then
            redis.call('SET', KEYS[3], '1')
            decision = 1
        else
            decision = 2
        end
        redis.call('HSET', KEYS[2], ARGV[1], decision)
        local keep = 2 * window
        redis.call('PEXPIRE', KEYS[1], keep)
        redis.call('PEXPIRE', KEYS[2], keep)
        if decision > 0 then redis.call('PEXPIRE', KEYS[3], keep) end
        return decision
        """;

    public async ValueTask<RateLimitDecision> CheckAsync(RateLimitRequest request, CancellationToken ct)
    {
        var contact = $"rl:{request.AccountId}:{request.ContactId.ToString(CultureInfo.InvariantCulture)}";
        var window = Math.Max(1, (long)request.Window.TotalMilliseconds);
        var attempt = await redis.TryAsync(
            db => db.ScriptEvaluateAsync(Script,
                [redis.Key(contact + ":answered"), redis.Key(contact + ":decided"), redis.Key(contact + ":noticed")],
                [request.MessageId, request.At.ToUnixTimeMilliseconds(), window, request.Limit]),
            ct);
        if (attempt.Ok)
        {
            return (RateLimitDecision)(int)attempt.Value;
        }

        return await local.CheckAsync(request, ct);
    }
}
