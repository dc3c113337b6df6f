using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;

namespace Parley.Core.Outbound;

/// <summary>
/// The send rate limits of this process, shared by all its workers: per account (per second and per hour) and
/// per recipient (WhatsApp's pair rate). Token buckets on the injected clock; a send takes a token from each.
/// </summary>
public sealed class OutboundThrottle(IOptions<OutboundOptions> defaults, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private long _lastSweep;

    /// <summary>Takes the tokens for one send and returns zero, or takes nothing and returns how long to wait.</summary>
    public TimeSpan Acquire(Account account, string recipient)
    {
        var now = time.GetTimestamp();
        var limits = Limits.For(account, defaults.Value);
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
        public static Limits For(Account account, OutboundOptions d) => new(
            Double(account, "Outbound:MessagesPerSecond") ?? d.MessagesPerSecond,
            (int)(Double(account, "Outbound:MessagesPerHour") ?? d.MessagesPerHour),
            (int)(Double(account, "Outbound:PairBurst") ?? d.PairBurst),
            account.Provider == Providers.Sandbox ? TimeSpan.Zero
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
