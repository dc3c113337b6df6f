using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Parley.Core.Redis;

/// <summary>
/// Redis in <c>/health/ready</c>: Degraded (not Unhealthy) when it is configured and unreachable, because Parley
/// keeps serving with per-instance rate limits and cache.
/// </summary>
public sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.Enabled)
        {
            // Healthy (nothing is wrong), and marked so that pages can say "not configured" rather than "healthy".
            return HealthCheckResult.Healthy("Not configured (Parley:Redis:Configuration): rate limits and cache are per instance.",
                new Dictionary<string, object> { ["configured"] = false });
        }

        if (await redis.PingAsync(cancellationToken))
        {
            return HealthCheckResult.Healthy("Redis answers: rate limits and the data source cache are shared.");
        }

        return redis.State == RedisState.Connecting
            ? HealthCheckResult.Degraded("Connecting to Redis; per-instance rate limits and cache meanwhile.")
            : HealthCheckResult.Degraded($"Redis unreachable ({redis.LastError}); per-instance rate limits and cache until it returns.");
    }
}
