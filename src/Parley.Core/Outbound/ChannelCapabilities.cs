using Parley.Core.Outbound.Validation;

namespace Parley.Core.Outbound;

/// <summary>What the outbound queue and the content rules need to know about a provider, declared by its channel.</summary>
public sealed record ChannelCapabilities
{
    /// <summary>WhatsApp's own limits, as Meta documents them; a channel states only where it differs.</summary>
    public static ChannelCapabilities WhatsApp { get; } = new();

    /// <summary>The longest text body the provider accepts in one message.</summary>
    public int MaxTextLength { get; init; } = OutboundLimits.TextMaxLength;

    /// <summary>The provider limits how fast one business number may write to one person (the pair rate).</summary>
    public bool PairRateLimited { get; init; } = true;

    /// <summary>
    /// The channel simulates WhatsApp (the sandbox): its contacts are people trying Parley, not customers, so its events
    /// stay out of the outgoing webhooks that feed a CRM.
    /// </summary>
    public bool Simulated { get; init; }
}
