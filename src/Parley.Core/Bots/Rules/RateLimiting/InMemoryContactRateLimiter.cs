using System.Collections.Concurrent;

namespace Parley.Core.Bots.Rules.RateLimiting;

/// <summary>
/// A sliding window per account and contact, in this process's memory. Only answered messages fill the
/// window, so a contact who keeps flooding is answered again as soon as the oldest answered message
/// leaves it. The state is lost on restart (at worst a contact gets one more window's worth of answers)
/// and not shared between instances: that is what the Redis implementation is for.
/// </summary>
public sealed class InMemoryContactRateLimiter : IContactRateLimiter
{
    // Buckets idle longer than their window are dropped every so many checks, so memory follows active contacts.
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<(string Account, long Contact), Bucket> _buckets = new();
    private int _checks;

    public int TrackedContacts => _buckets.Count;

    public ValueTask<RateLimitDecision> CheckAsync(RateLimitRequest request, CancellationToken ct)
    {
        var at = request.At.ToUnixTimeMilliseconds();
        var window = (long)request.Window.TotalMilliseconds;
        var bucket = _buckets.GetOrAdd((request.AccountId, request.ContactId), _ => new Bucket());
        RateLimitDecision decision;
        lock (bucket)
        {
            decision = bucket.Check(request.MessageId, at, window, request.Limit);
        }

        if (Interlocked.Increment(ref _checks) % SweepEvery == 0)
        {
            Sweep(at);
        }

        return ValueTask.FromResult(decision);
    }

    private void Sweep(long now)
    {
        foreach (var (key, bucket) in _buckets)
        {
            lock (bucket)
            {
                if (bucket.IdleSince(now))
                {
                    _buckets.TryRemove(new KeyValuePair<(string, long), Bucket>(key, bucket));
                }
            }
        }
    }

    private sealed class Bucket
    {
        private const int MaxDecisions = 1024;

        private readonly Queue<long> _answered = new();
        private readonly Dictionary<long, (RateLimitDecision Decision, long At)> _decided = [];
        private bool _noticeSent;
        private long _lastAt;
        private long _window;

        public RateLimitDecision Check(long messageId, long at, long window, int limit)
        {
            if (_decided.TryGetValue(messageId, out var earlier))
            {
                return earlier.Decision;
            }

            _window = window;
            _lastAt = Math.Max(_lastAt, at);
            while (_answered.Count > 0 && _answered.Peek() <= at - window)
            {
                _answered.Dequeue();
            }

            RateLimitDecision decision;
            if (_answered.Count < limit)
            {
                _answered.Enqueue(at);
                _noticeSent = false;
                decision = RateLimitDecision.Allowed;
            }
            else if (!_noticeSent)
            {
                _noticeSent = true;
                decision = RateLimitDecision.LimitedNotify;
            }
            else
            {
                decision = RateLimitDecision.Limited;
            }

            _decided[messageId] = (decision, at);
            if (_decided.Count > limit * 4 + 16)
            {
                // Retries come soon after the first attempt; decisions older than two windows are not needed.
                foreach (var old in _decided.Where(d => d.Value.At < at - 2 * window).Select(d => d.Key).ToList())
                {
                    _decided.Remove(old);
                }

                // A flood inside the window: keep the newest decisions only.
                if (_decided.Count > MaxDecisions)
                {
                    foreach (var old in _decided.OrderBy(d => d.Value.At).ThenBy(d => d.Key).Take(_decided.Count - MaxDecisions / 2).Select(d => d.Key).ToList())
                    {
                        _decided.Remove(old);
                    }
                }
            }

            return decision;
        }

        public bool IdleSince(long now) => now - _lastAt > 2 * Math.Max(_window, 1);
    }
}
