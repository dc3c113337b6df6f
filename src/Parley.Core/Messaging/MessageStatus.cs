namespace Parley.Core.Messaging;

/// <summary>Delivery status of a message, ordered: a status only moves forward.</summary>
public enum MessageStatus
{
    /// <summary>Stored, waiting for the sender (outbound) or the worker (inbound).</summary>
    Queued = 0,
    /// <summary>Inbound message received from the provider.</summary>
    Received = 1,
    Sent = 2,
    Delivered = 3,
    Read = 4,
    /// <summary>A voice note or video was played.</summary>
    Played = 5,
    Failed = 9,
}
