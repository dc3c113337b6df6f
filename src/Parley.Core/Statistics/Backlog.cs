namespace Parley.Core.Statistics;

/// <summary>Work waiting now, across queues.</summary>
public sealed record Backlog
{
    /// <summary>Inbound messages stored and not yet processed by a bot.</summary>
    public long InboundPending { get; init; }
    /// <summary>Outbound messages queued and not yet accepted by the provider.</summary>
    public long OutboundPending { get; init; }
    /// <summary>Of those, messages waiting to be retried after a transient failure (throttling, network, provider 5xx).</summary>
    public long OutboundRetrying { get; init; }
    /// <summary>Provider webhook events that could not be stored or parsed (see <c>webhooks replay</c>).</summary>
    public long FailedWebhookEvents { get; init; }
    /// <summary>Statuses that arrived before their message was known (they wait for it).</summary>
    public long ParkedStatuses { get; init; }
    /// <summary>Outgoing webhook deliveries waiting or retrying.</summary>
    public long OutgoingWebhooksPending { get; init; }
    /// <summary>Outgoing webhook deliveries given up on.</summary>
    public long OutgoingWebhooksFailed { get; init; }
}
