namespace Parley.Core.Outbound;

/// <summary>Finds the channel for an account's provider.</summary>
public sealed class ChannelCatalog(IEnumerable<IChannel> channels, Observability.ParleyMetrics metrics, TimeProvider time)
{
    private readonly Dictionary<string, IChannel> _channels = channels.ToDictionary(c => c.Provider, c => (IChannel)new Observability.MeteredChannel(c, metrics, time), StringComparer.OrdinalIgnoreCase);

    public IChannel? For(string provider) => _channels.GetValueOrDefault(provider);

    public IReadOnlyCollection<string> Providers => _channels.Keys;
}
