using System.Globalization;

namespace Parley.Core.Maintenance;

/// <summary>What one retention pass deleted: Core's tables, then each module's <see cref="IRetentionTask"/> by name.</summary>
public sealed record RetentionResult(long WebhookEvents, long PendingStatuses, long WebhookDeliveries, long Media)
{
    /// <summary>The modules' counts, by <see cref="IRetentionTask.Name"/>.</summary>
    public IReadOnlyDictionary<string, long> Modules { get; init; } = new Dictionary<string, long>();

    /// <summary>A module's count, 0 when it deleted nothing or did not run.</summary>
    public long Of(string name) => Modules.GetValueOrDefault(name);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"webhook_events={WebhookEvents} pending_statuses={PendingStatuses} webhook_deliveries={WebhookDeliveries} media={Media}")
        + string.Concat(Modules.Select(m => string.Create(CultureInfo.InvariantCulture, $" {m.Key}={m.Value}")));
}
