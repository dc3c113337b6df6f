namespace Parley.Core.Events;

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
