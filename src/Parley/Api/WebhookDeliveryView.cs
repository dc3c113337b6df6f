using Parley.Core.Events;
using Parley.Core.Webhooks;

namespace Parley.Api;

public sealed record WebhookDeliveryView(string Id, string EventId, string EventType, string State, int Attempts)
{
    public DateTimeOffset NextAttemptAt { get; init; }
    public int? LastStatus { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }

    internal static readonly WebhookDeliveryView Example = new("31", "evt_0194…", MessageReceived.Name, "delivered", 1)
    {
        LastStatus = 200,
        CreatedAt = DateTimeOffset.Parse("2026-01-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        DeliveredAt = DateTimeOffset.Parse("2026-01-05T10:00:01Z", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static WebhookDeliveryView From(WebhookDelivery d) => new(ApiProblems.Id(d.Id), d.EventId, d.EventType, d.State, d.Attempts)
    {
        NextAttemptAt = d.NextAttemptAt,
        LastStatus = d.LastStatus,
        LastError = d.LastError,
        CreatedAt = d.CreatedAt,
        DeliveredAt = d.DeliveredAt,
    };
}
