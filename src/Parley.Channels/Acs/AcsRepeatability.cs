using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Parley.Channels.Acs;

/// <summary>
/// ACS's repeatable requests (<c>Repeatability-Request-ID</c> + <c>Repeatability-First-Sent</c>): the service runs a
/// request once for the same pair. The id is derived from the outbound message's idempotency key, so every retry of
/// one message carries the same id; the first-sent time is remembered in memory from the first attempt until the
/// outcome is final. After a restart a retry gets a new first-sent time (and the service may treat it as new).
/// </summary>
public sealed class AcsRepeatability(TimeProvider time)
{
    private const int PruneAbove = 10_000;
    private static readonly TimeSpan Keep = TimeSpan.FromDays(1);
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _firstSent = new();

    public const string RequestIdHeader = "repeatability-request-id";
    public const string FirstSentHeader = "repeatability-first-sent";

    /// <summary>A GUID derived from the account and the idempotency key (SHA-256, RFC 4122 version and variant bits set).</summary>
    public static Guid RequestId(string accountId, string idempotencyKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"parley/acs/{accountId}/{idempotencyKey}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5: name-based
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The id and the time this id was first sent (now, on the first attempt).</summary>
    public (Guid RequestId, DateTimeOffset FirstSent) For(string accountId, string idempotencyKey)
    {
        var id = RequestId(accountId, idempotencyKey);
        var now = time.GetUtcNow();
        if (_firstSent.Count > PruneAbove)
        {
            foreach (var (key, at) in _firstSent)
            {
                if (now - at > Keep)
                {
                    _firstSent.TryRemove(key, out _);
                }
            }
        }

        return (id, _firstSent.GetOrAdd(id, now));
    }

    /// <summary>The send reached a final outcome: no retry will need the first-sent time.</summary>
    public void Done(Guid requestId) => _firstSent.TryRemove(requestId, out _);
}
