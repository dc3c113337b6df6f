using Parley.Core.Outbound;

namespace Parley.Channels.Sandbox;

/// <summary>
/// The sandbox "provider": a send is accepted at once (the thread is read back from Parley's own store),
/// and the simulated phone then reports delivered and read through the same status intake real providers use.
/// </summary>
public sealed class SandboxChannel(SandboxReceipts receipts, SandboxDeliveries deliveries) : IChannel
{
    public string Provider => Providers.Sandbox;

    /// <summary>The simulated phone has no pair rate: a conversation in the sandbox is never slowed down.</summary>
    public ChannelCapabilities Capabilities { get; } = ChannelCapabilities.WhatsApp with { PairRateLimited = false, Simulated = true };

    public Task<SendResult> SendAsync(OutboundRequest request, CancellationToken ct)
    {
        var providerId = $"sbx.out.{request.MessageId}";
        deliveries.Record(request.MessageId, request.Content);
        receipts.Schedule(request.Account.Id, providerId);
        return Task.FromResult(SendResult.Ok(providerId));
    }
}
