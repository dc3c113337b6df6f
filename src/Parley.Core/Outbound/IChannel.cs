using Parley.Core.Accounts;
using Parley.Core.Messaging;

namespace Parley.Core.Outbound;

/// <summary>
/// A WhatsApp provider as the outbound queue sees it: sends one message for an account. Meta, Twilio,
/// ACS and the sandbox implement it; the queue handles order, retries, rate limits and statuses.
/// </summary>
public interface IChannel
{
    /// <summary>The provider name accounts use (<c>meta</c>, <c>twilio</c>, <c>acs</c>, <c>sandbox</c>).</summary>
    string Provider { get; }

    Task<SendResult> SendAsync(OutboundRequest request, CancellationToken ct);
}

/// <param name="To">The recipient as the provider names them (wa_id or E.164).</param>
public sealed record OutboundRequest(Account Account, long MessageId, string To, MessageContent Content, string IdempotencyKey)
{
    public string? ToPhone { get; init; }
}

/// <summary>The outcome of one send: accepted with the provider's id, or failed, transiently or for good.</summary>
public sealed record SendResult
{
    public bool Accepted { get; init; }
    public string? ProviderMessageId { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorReason { get; init; }
    /// <summary>Worth retrying (throttling, network, 5xx).</summary>
    public bool Transient { get; init; }
    /// <summary>The provider's own word on when to retry.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static SendResult Ok(string providerMessageId) => new() { Accepted = true, ProviderMessageId = providerMessageId };

    public static SendResult Permanent(string code, string reason) => new() { ErrorCode = code, ErrorReason = reason };

    public static SendResult Retry(string code, string reason, TimeSpan? after = null) =>
        new() { ErrorCode = code, ErrorReason = reason, Transient = true, RetryAfter = after };
}

/// <summary>Finds the channel for an account's provider.</summary>
public sealed class ChannelCatalog(IEnumerable<IChannel> channels, Observability.ParleyMetrics? metrics = null, TimeProvider? time = null)
{
    private readonly Dictionary<string, IChannel> _channels = channels.ToDictionary(c => c.Provider, c => metrics is null ? c : new Observability.MeteredChannel(c, metrics, time ?? TimeProvider.System), StringComparer.OrdinalIgnoreCase);

    public IChannel? For(string provider) => _channels.GetValueOrDefault(provider);

    public IReadOnlyCollection<string> Providers => _channels.Keys;
}
