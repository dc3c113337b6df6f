using Parley.Core.Outbound;

namespace Parley.Core.Observability;

/// <summary>
/// Times every send call to a provider and counts the accepted ones, by provider. Wraps each channel in the
/// <see cref="ChannelCatalog"/>, so channels and the outbound worker need no timing code of their own.
/// </summary>
public sealed class MeteredChannel(IChannel inner, ParleyMetrics metrics, TimeProvider time) : IChannel
{
    public string Provider => inner.Provider;

    public ChannelCapabilities Capabilities => inner.Capabilities;

    public IChannel Inner => inner;

    public async Task<SendResult> SendAsync(OutboundRequest request, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        SendResult result;
        try
        {
            result = await inner.SendAsync(request, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            metrics.ProviderCall(inner.Provider, SendResult.Retry("exception", ex.GetType().Name), time.GetElapsedTime(started));
            throw;
        }

        metrics.ProviderCall(inner.Provider, result, time.GetElapsedTime(started));
        return result;
    }
}
