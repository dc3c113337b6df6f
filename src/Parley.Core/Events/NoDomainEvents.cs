namespace Parley.Core.Events;

/// <summary>For code built without the host (tools, unit tests): publishes nothing.</summary>
public sealed class NoDomainEvents : IDomainEvents
{
    public static readonly NoDomainEvents Instance = new();

    public bool Wants(string type) => false;

    public ValueTask PublishAsync(IReadOnlyList<DomainEvent> events, CancellationToken ct = default) => ValueTask.CompletedTask;
}
