using System.Globalization;

namespace Parley.Core.Maintenance;

/// <summary>What one retention pass deleted.</summary>
public sealed record RetentionResult(long WebhookEvents, long PendingStatuses, long WebhookDeliveries, long Media, long InteractionLogs)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"webhook_events={WebhookEvents} pending_statuses={PendingStatuses} webhook_deliveries={WebhookDeliveries} media={Media} interaction_logs={InteractionLogs}");
}
