using Microsoft.Extensions.Logging;
using Parley.Core.Messaging;

namespace Parley.Core.Events;

/// <summary>Something that happened in the messaging core, published after it was committed.</summary>
public abstract record DomainEvent(string AccountId, DateTimeOffset At)
{
    /// <summary>The event's name on the wire (<c>message.received</c>, ...).</summary>
    public abstract string Type { get; }
}

/// <summary>A new inbound message was stored (duplicates of a message already stored are not events).</summary>
public sealed record MessageReceived(string AccountId, long MessageId, long ConversationId, DateTimeOffset At) : DomainEvent(AccountId, At)
{
    public const string Name = "message.received";
    public override string Type => Name;
}

/// <summary>A message's status moved forward (sent, delivered, read, played, failed).</summary>
public sealed record MessageStatusChanged(string AccountId, long MessageId, MessageStatus Previous, MessageStatus Status, DateTimeOffset At) : DomainEvent(AccountId, At)
{
    public const string Name = "message.status";
    public override string Type => Name;
    public string? ErrorCode { get; init; }
    public string? ErrorReason { get; init; }
}

/// <summary>A person took a conversation over from the bot, or handed it back.</summary>
public sealed record ConversationStateChanged(string AccountId, long ConversationId, string State, string By, DateTimeOffset At) : DomainEvent(AccountId, At)
{
    public const string TakeoverName = "conversation.takeover";
    public const string HandbackName = "conversation.handback";
    public override string Type => State == Bots.ConversationInfo.HumanState ? TakeoverName : HandbackName;
}

public static class DomainEventTypes
{
    public static readonly IReadOnlyList<string> All =
        [MessageReceived.Name, MessageStatusChanged.Name, ConversationStateChanged.TakeoverName, ConversationStateChanged.HandbackName];
}

/// <summary>
/// Publishes committed events to whoever listens (outgoing webhooks; the admin UI's live view later).
/// Called on the hot path after a commit: <see cref="Wants"/> lets callers skip building events nobody wants,
/// and publishing never throws: a listener's failure must not undo or repeat work that is already stored.
/// </summary>
public interface IDomainEvents
{
    bool Wants(string type);

    ValueTask PublishAsync(IReadOnlyList<DomainEvent> events, CancellationToken ct = default);
}

/// <summary>Receives committed events. Implementations keep <see cref="Wants"/> cheap (a cached answer).</summary>
public interface IDomainEventListener
{
    bool Wants(string type);

    ValueTask HandleAsync(IReadOnlyList<DomainEvent> events, CancellationToken ct);
}

public sealed class DomainEventPublisher(IEnumerable<IDomainEventListener> listeners, ILogger<DomainEventPublisher> logger) : IDomainEvents
{
    private readonly IDomainEventListener[] _listeners = [.. listeners];

    public bool Wants(string type)
    {
        foreach (var listener in _listeners)
        {
            if (listener.Wants(type))
            {
                return true;
            }
        }

        return false;
    }

    public async ValueTask PublishAsync(IReadOnlyList<DomainEvent> events, CancellationToken ct = default)
    {
        if (events.Count == 0)
        {
            return;
        }

        foreach (var listener in _listeners)
        {
            var wanted = events.Where(e => listener.Wants(e.Type)).ToList();
            if (wanted.Count == 0)
            {
                continue;
            }

            try
            {
                await listener.HandleAsync(wanted, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning(ex, "{Listener} failed to handle {Count} event(s) of type {Type}", listener.GetType().Name, wanted.Count, wanted[0].Type);
            }
        }
    }
}

/// <summary>For code built without the host (tools, unit tests): publishes nothing.</summary>
public sealed class NoDomainEvents : IDomainEvents
{
    public static readonly NoDomainEvents Instance = new();

    public bool Wants(string type) => false;

    public ValueTask PublishAsync(IReadOnlyList<DomainEvent> events, CancellationToken ct = default) => ValueTask.CompletedTask;
}
