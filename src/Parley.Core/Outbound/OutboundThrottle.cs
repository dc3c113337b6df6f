using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Redis;
using StackExchange.Redis;

namespace Parley.Core.Outbound;

/// <summary>
/// The send rate limits, shared by all workers: per account (per second and per hour) and per recipient (WhatsApp's
/// pair rate). Token buckets; a send takes a token from each. With Redis (<see cref="AcquireAsync"/>) the buckets are
/// shared by every instance (one atomic Lua script on Redis's clock); without it, or while it is down, they live in
/// this process on the injected clock.
/// </summary>
public sealed class OutboundThrottle(IOptions<OutboundOptions> defaults, TimeProvider time, RedisConnection? redis = null)
{
    // KEYS: the buckets. ARGV: capacity and refill rate (tokens per second) of each, in KEYS order.
    // Takes one token from every bucket, or none and returns the milliseconds until all have one.
    private const string TakeScript =
        """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local wait = 0
        local tokens = {}
        for i, key in ipairs(KEYS) do
            local capacity = tonumber(ARGV[2 * i - 1])
            local rate = tonumber(ARGV[2 * i])
            local state = redis.call('HMGET', key, 'tokens', 'stamp')
            local have = tonumber(state[1]) or capacity
            local stamp = tonumber(state[2]) or now
            if now > stamp then have = math.min(capacity, have + (now - stamp) / 1000 * rate) end
            tokens[i] = have
            if have < 1 then
                local w = math.ceil((1 - have) / rate * 1000)
                if w > wait then wait = w end
            end
        end
        if wait == 0 then
            for i, key in ipairs(KEYS) do
                local capacity = tonumber(ARGV[2 * i - 1])
                local rate = tonumber(ARGV[2 * i])
                redis.call('HSET', key, 'tokens', tostring(tokens[i] - 1), 'stamp', now)
                redis.call('PEXPIRE', key, math.ceil(capacity / rate * 1000) + 1000)
            end
        end
        return wait
        """;

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private long _lastSweep;

    /// <summary>
    /// Takes the tokens for one send and returns zero, or takes nothing and returns how long to wait: in Redis when it
    /// is configured and answering (limits across all instances), otherwise in this process.
    /// </summary>
    public async ValueTask<TimeSpan> AcquireAsync(Account account, string recipient, ChannelCapabilities channel, CancellationToken ct)
    {
        if (redis is not { Enabled: true })
        {
            return Acquire(account, recipient, channel);
        }

        var limits = Limits.For(account, defaults.Value, channel);
        var keys = new List<RedisKey>(3) { redis.Key($"ob:s:{account.Id}") };
        var args = new List<RedisValue>(6) { Math.Max(1, limits.PerSecond), limits.PerSecond };
        if (limits.PerHour > 0)
        {
            keys.Add(redis.Key($"ob:h:{account.Id}"));
            args.Add(limits.PerHour);
            args.Add(limits.PerHour / 3600.0);
        }

        if (limits.PairInterval > TimeSpan.Zero)
        {
            // The recipient's number is not written to Redis as such.
            var who = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipient)), 0, 12);
            keys.Add(redis.Key($"ob:p:{account.Id}:{who}"));
            args.Add(limits.PairBurst);
            args.Add(1 / limits.PairInterval.TotalSeconds);
        }

        var attempt = await redis.TryAsync(db => db.ScriptEvaluateAsync(TakeScript, [.. keys], [.. args]), ct);
        return attempt.Ok ? TimeSpan.FromMilliseconds((long)attempt.Value) : Acquire(account, recipient, channel);
    }

    /// <summary>In this process: takes the tokens for one send and returns zero, or takes nothing and returns how long to wait.</summary>
    public TimeSpan Acquire(Account account, string recipient, ChannelCapabilities channel)
    {
        var now = time.GetTimestamp();
        var limits = Limits.For(account, defaults.Value, channel);
        var perSecond = _buckets.GetOrAdd($"s|{account.Id}", _ => new Bucket(Math.Max(1, limits.PerSecond), limits.PerSecond, now));
        var perHour = limits.PerHour > 0 ? _buckets.GetOrAdd($"h|{account.Id}", _ => new Bucket(limits.PerHour, limits.PerHour / 3600.0, now)) : null;
        var pair = limits.PairInterval > TimeSpan.Zero
            ? _buckets.GetOrAdd($"p|{account.Id}|{recipient}", _ => new Bucket(limits.PairBurst, 1 / limits.PairInterval.TotalSeconds, now))
            : null;

        Bucket[] all = perHour is null ? pair is null ? [perSecond] : [perSecond, pair] : pair is null ? [perSecond, perHour] : [perSecond, perHour, pair];
        var wait = TimeSpan.Zero;
        // Lock in a fixed order (by key kind) so two sends never deadlock.
        foreach (var b in all)
        {
            Monitor.Enter(b);
        }

        try
        {
            foreach (var b in all)
            {
                var w = b.WaitFor(now, time);
                if (w > wait)
                {
                    wait = w;
                }
            }

            if (wait == TimeSpan.Zero)
            {
                foreach (var b in all)
                {
                    b.Take();
                }
            }
        }
        finally
        {
            foreach (var b in all)
            {
                Monitor.Exit(b);
            }
        }

        SweepIdlePairs(now);
        return wait;
    }

    private void SweepIdlePairs(long now)
    {
        var last = Interlocked.Read(ref _lastSweep);
        if (time.GetElapsedTime(last, now) < TimeSpan.FromMinutes(5) || Interlocked.CompareExchange(ref _lastSweep, now, last) != last)
        {
            return;
        }

        foreach (var (key, bucket) in _buckets)
        {
            if (key[0] == 'p' && bucket.IsFullAt(now, time))
            {
                _buckets.TryRemove(key, out _);
            }
        }
    }

    private sealed record Limits(double PerSecond, int PerHour, int PairBurst, TimeSpan PairInterval)
    {
        public static Limits For(Account account, OutboundOptions d, ChannelCapabilities channel) => new(
            Double(account, "Outbound:MessagesPerSecond") ?? d.MessagesPerSecond,
            (int)(Double(account, "Outbound:MessagesPerHour") ?? d.MessagesPerHour),
            (int)(Double(account, "Outbound:PairBurst") ?? d.PairBurst),
            !channel.PairRateLimited ? TimeSpan.Zero
                : account.Setting("Outbound:PairInterval") is { } s && TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var t) ? t : d.PairInterval);

        private static double? Double(Account a, string key) =>
            a.Setting(key) is { } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    /// <summary>A token bucket: <c>capacity</c> tokens, refilled at <c>ratePerSecond</c>.</summary>
    private sealed class Bucket(double capacity, double ratePerSecond, long now)
    {
        private readonly double _capacity = capacity;
        private double _tokens = capacity;
        private long _stamp = now;

        public TimeSpan WaitFor(long now, TimeProvider time)
        {
            Refill(now, time);
            return _tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds((1 - _tokens) / ratePerSecond);
        }

        public void Take() => _tokens -= 1;

        public bool IsFullAt(long now, TimeProvider time)
        {
            lock (this)
            {
                Refill(now, time);
                return _tokens >= _capacity;
            }
        }

        private void Refill(long now, TimeProvider time)
        {
            var elapsed = time.GetElapsedTime(_stamp, now).TotalSeconds;
            if (elapsed > 0)
            {
                _tokens = Math.Min(_capacity, _tokens + (elapsed * ratePerSecond));
                _stamp = now;
            }
        }
    }
}
