using Parley.Core.Messaging;

namespace Parley.Channels.Acs;

/// <summary>What one delivery to the ACS webhook carries.</summary>
public sealed record AcsWebhookParseResult
{
    /// <summary>Messages, statuses and other events to store; empty when the delivery is only a handshake.</summary>
    public required InboundBatch Batch { get; init; }

    /// <summary>Set when the delivery is Event Grid's subscription validation: answer <c>{"validationResponse": code}</c>.</summary>
    public string? ValidationCode { get; init; }

    public bool HasContent => Batch.Messages.Count > 0 || Batch.Statuses.Count > 0 || Batch.OtherEvents.Count > 0;
}
