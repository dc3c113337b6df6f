namespace Parley.Core.Outbound;

/// <summary>Finds the channel for an account's provider.</summary>
public sealed class ChannelCatalog(IEnumerable<IChannel> channels, Observability.ParleyMetrics? metrics = null, TimeProvider? time = null)
{
    private readonly Dictionary<string, IChannel> _channels = channels.ToDictionary(c => c.Provider, c => metrics is null ? c : new Observability.MeteredChannel(c, metrics, time ?? TimeProvider.System), StringComparer.OrdinalIgnoreCase);

    public IChannel? For(string provider) => _channels.GetValueOrDefault(provider);

    public IReadOnlyCollection<string> Providers => _channels.Keys;
}
