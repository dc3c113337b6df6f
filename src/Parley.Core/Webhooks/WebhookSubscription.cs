namespace Parley.Core.Webhooks;

/// <summary>A URL that receives Parley's events. <see cref="Events"/> holds event types, or <c>*</c> for all.</summary>
public sealed record WebhookSubscription(long Id, string Url, IReadOnlyList<string> Events)
{
    public string? Description { get; init; }
    public bool Enabled { get; init; } = true;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public bool Wants(string type) => Enabled && Events.Any(e => e == "*" || e == type);
}
