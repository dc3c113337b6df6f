using System.Collections.Concurrent;
using Parley.Core.Messaging;

namespace Parley.Channels.Sandbox;

/// <summary>
/// What the simulated phone received, when it differs from what Parley stored: a message sent with a secret filled in
/// at send time (a one-time code, see <see cref="Parley.Core.Outbound.IOutboundContentFiller"/>) is stored masked, but
/// the phone shows what a real phone would. In memory, for the most recent messages only.
/// </summary>
public sealed class SandboxDeliveries
{
    private const int Capacity = 500;
    private readonly ConcurrentDictionary<long, MessageContent> _delivered = new();
    private readonly ConcurrentQueue<long> _order = new();

    public void Record(long messageId, MessageContent content)
    {
        if (_delivered.TryAdd(messageId, content))
        {
            _order.Enqueue(messageId);
            while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
            {
                _delivered.TryRemove(oldest, out _);
            }
        }
    }

    /// <summary>The message as the phone received it (the stored one when the phone got exactly that).</summary>
    public StoredMessage AsReceived(StoredMessage stored) =>
        !stored.IsInbound && _delivered.TryGetValue(stored.Id, out var content) && content != stored.Content ? stored with { Content = content } : stored;
}
