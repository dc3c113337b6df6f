namespace Parley.Core.Messaging;

/// <summary>The rule that keeps a status moving forward under out-of-order and duplicated callbacks.</summary>
public static class MessageStatusRules
{
    /// <summary>
    /// Returns the status a message should have after <paramref name="incoming"/> arrives.
    /// A late <c>delivered</c> never replaces <c>read</c>; a failure is kept once it is recorded,
    /// except that a later proof of delivery (delivered/read/played) wins over a failure the provider reported first.
    /// </summary>
    public static MessageStatus Advance(MessageStatus current, MessageStatus incoming)
    {
        if (incoming == current)
        {
            return current;
        }

        if (incoming == MessageStatus.Failed)
        {
            // A failure after proof of delivery is stale; before it, it is final.
            return current >= MessageStatus.Delivered && current != MessageStatus.Failed ? current : MessageStatus.Failed;
        }

        if (current == MessageStatus.Failed)
        {
            return incoming >= MessageStatus.Delivered ? incoming : current;
        }

        return incoming > current ? incoming : current;
    }

    public static string ToWire(this MessageStatus status) => status switch
    {
        MessageStatus.Queued => "queued",
        MessageStatus.Received => "received",
        MessageStatus.Sent => "sent",
        MessageStatus.Delivered => "delivered",
        MessageStatus.Read => "read",
        MessageStatus.Played => "played",
        MessageStatus.Failed => "failed",
        _ => "queued",
    };

    public static MessageStatus FromWire(string? value) => value?.ToLowerInvariant() switch
    {
        "received" => MessageStatus.Received,
        "sent" => MessageStatus.Sent,
        "delivered" => MessageStatus.Delivered,
        "read" => MessageStatus.Read,
        "played" => MessageStatus.Played,
        "failed" => MessageStatus.Failed,
        _ => MessageStatus.Queued,
    };
}
