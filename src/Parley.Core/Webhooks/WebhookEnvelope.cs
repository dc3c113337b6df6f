namespace Parley.Core.Webhooks;

/// <summary>The JSON every receiver gets: an envelope with the event's id, type and time, and its data.</summary>
public sealed record WebhookEnvelope(string Id, string Type, DateTimeOffset CreatedAt, string AccountId, object Data)
{
    /// <summary><c>true</c> for an event of a sandbox account (absent otherwise), so a receiver can tell play from business.</summary>
    public bool? Sandbox { get; init; }
}
