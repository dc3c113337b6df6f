namespace Parley.Core.Outbound;

/// <summary>
/// A WhatsApp provider as the outbound queue sees it: sends one message for an account. Meta, Twilio,
/// ACS and the sandbox implement it; the queue handles order, retries, rate limits and statuses.
/// </summary>
public interface IChannel
{
    /// <summary>The provider name accounts use (<c>meta</c>, <c>twilio</c>, <c>acs</c>, <c>sandbox</c>).</summary>
    string Provider { get; }

    /// <summary>Where the provider differs from WhatsApp's own limits (Twilio's shorter texts, the sandbox's missing pair rate).</summary>
    ChannelCapabilities Capabilities => ChannelCapabilities.WhatsApp;

    Task<SendResult> SendAsync(OutboundRequest request, CancellationToken ct);
}
