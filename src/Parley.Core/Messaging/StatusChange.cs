namespace Parley.Core.Messaging;

/// <summary>What one status update did to a message; <see cref="Changed"/> is false for stale or repeated updates.</summary>
public sealed record StatusChange(long MessageId, MessageStatus Previous, MessageStatus Current, StatusUpdate Update)
{
    public bool Changed => Previous != Current;
}
