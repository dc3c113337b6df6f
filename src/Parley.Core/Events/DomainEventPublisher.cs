using Microsoft.Extensions.Logging;

namespace Parley.Core.Events;

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
