namespace Parley.Core.Events;

/// <summary>Something that happened in the messaging core, published after it was committed.</summary>
public abstract record DomainEvent(string AccountId, DateTimeOffset At)
{
    /// <summary>The event's name on the wire (<c>message.received</c>, ...).</summary>
    public abstract string Type { get; }
}
