using System.ComponentModel.DataAnnotations;

namespace Parley.Core.Maintenance;

/// <summary>
/// How long Parley keeps what it no longer needs (<c>Parley:Retention</c>), for the hourly job and the <c>cleanup</c>
/// command alike. Messages are never deleted here: an inbound message row is also its deduplication record (the unique
/// provider message id), so a redelivery days later is still recognised.
/// </summary>
public sealed class RetentionOptions : IValidatableObject
{
    public const string SectionName = "Parley:Retention";

    /// <summary>Deduplication and parked-status records must outlive Meta's redelivery window (up to 7 days).</summary>
    public static readonly TimeSpan MinimumDedupWindow = TimeSpan.FromDays(8);

    /// <summary>Runs the job on this instance (one instance runs it at a time either way).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between runs, across all instances.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00", ErrorMessage = "Parley:Retention:Interval must be between 1 minute and 7 days.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Provider webhook events that were stored are deleted after this (failed ones are kept until replayed or removed).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00", ErrorMessage = "Parley:Retention:WebhookEvents must be between 1 hour and 10 years.")]
    public TimeSpan WebhookEvents { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Statuses parked for messages never seen (<c>pending_statuses</c>) older than this are deleted; at least 8 days.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00", ErrorMessage = "Parley:Retention:PendingStatuses must be between 1 hour and 1 year.")]
    public TimeSpan PendingStatuses { get; set; } = TimeSpan.FromDays(8);

    /// <summary>Outgoing webhook deliveries, delivered or given up on, are kept this long.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00", ErrorMessage = "Parley:Retention:WebhookDeliveries must be between 1 hour and 10 years.")]
    public TimeSpan WebhookDeliveries { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Stored media files no message refers to any more, older than this, are deleted. Empty: never (the default).</summary>
    public TimeSpan? Media { get; set; }

    /// <summary>Rows deleted per transaction, so a large backlog never holds the write lock for long.</summary>
    [Range(100, 100_000, ErrorMessage = "Parley:Retention:BatchSize must be between 100 and 100000.")]
    public int BatchSize { get; set; } = 5000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PendingStatuses < MinimumDedupWindow)
        {
            yield return new ValidationResult($"Parley:Retention:PendingStatuses must be at least {MinimumDedupWindow.TotalDays:0} days (Meta redelivers for up to 7 days).", [nameof(PendingStatuses)]);
        }

        if (WebhookEvents < MinimumDedupWindow)
        {
            yield return new ValidationResult($"Parley:Retention:WebhookEvents must be at least {MinimumDedupWindow.TotalDays:0} days.", [nameof(WebhookEvents)]);
        }

        if (Media is { } media && media < TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("Parley:Retention:Media must be at least 1 day (or empty to keep media).", [nameof(Media)]);
        }
    }
}
