using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.Extensions.Options;
using Parley.Core.Storage;

namespace Parley.Core.Maintenance;

public sealed class RetentionOptions
{
    public const string SectionName = "Parley:Retention";

    /// <summary>Provider webhook events that were stored are kept this long (failed ones are kept until replayed or removed).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00", ErrorMessage = "Parley:Retention:WebhookEvents must be between 1 hour and 10 years.")]
    public TimeSpan WebhookEvents { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Statuses that arrived for a message never seen are dropped after this (providers stop sending them long before).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00", ErrorMessage = "Parley:Retention:PendingStatuses must be between 1 hour and 1 year.")]
    public TimeSpan PendingStatuses { get; set; } = TimeSpan.FromDays(8);

    /// <summary>Outgoing webhook deliveries, delivered or given up on, are kept this long.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00", ErrorMessage = "Parley:Retention:WebhookDeliveries must be between 1 hour and 10 years.")]
    public TimeSpan WebhookDeliveries { get; set; } = TimeSpan.FromDays(30);
}

public sealed record RetentionResult(long WebhookEvents, long PendingStatuses, long WebhookDeliveries);

/// <summary>Deletes what has outlived its use (<c>cleanup</c>): old processed webhook events, orphan statuses, old deliveries.</summary>
public sealed class RetentionCleaner(Database database, IOptions<RetentionOptions> options, TimeProvider time)
{
    public async Task<RetentionResult> RunAsync(CancellationToken ct = default)
    {
        var now = time.NowMs();
        var o = options.Value;
        await using var c = await database.OpenAsync(ct);
        var events = await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM webhook_events WHERE state = 'stored' AND received_at < @before",
            new { before = now - (long)o.WebhookEvents.TotalMilliseconds }, cancellationToken: ct));
        var statuses = await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM pending_statuses WHERE received_at < @before",
            new { before = now - (long)o.PendingStatuses.TotalMilliseconds }, cancellationToken: ct));
        var deliveries = await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM webhook_deliveries WHERE state <> 'pending' AND created_at < @before",
            new { before = now - (long)o.WebhookDeliveries.TotalMilliseconds }, cancellationToken: ct));
        return new RetentionResult(events, statuses, deliveries);
    }
}
