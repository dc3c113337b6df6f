namespace Parley.Core.Webhooks;

public sealed record WebhookDelivery(long Id, long SubscriptionId, string EventId, string EventType, string State, int Attempts)
{
    public DateTimeOffset NextAttemptAt { get; init; }
    public int? LastStatus { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
}
