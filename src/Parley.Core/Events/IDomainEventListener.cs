namespace Parley.Core.Events;

/// <summary>Receives committed events. Implementations keep <see cref="Wants"/> cheap (a cached answer).</summary>
public interface IDomainEventListener
{
    bool Wants(string type);

    ValueTask HandleAsync(IReadOnlyList<DomainEvent> events, CancellationToken ct);
}
