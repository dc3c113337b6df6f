namespace Parley.Core.Outbound;

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

    /// <summary>Refused because the customer service window is closed: only an approved template reaches the person now.</summary>
    public bool NeedsTemplate { get; init; }

    public static SendResult Ok(string providerMessageId) => new() { Accepted = true, ProviderMessageId = providerMessageId };

    public static SendResult Permanent(string code, string reason) => new() { ErrorCode = code, ErrorReason = reason };

    public static SendResult Retry(string code, string reason, TimeSpan? after = null) =>
        new() { ErrorCode = code, ErrorReason = reason, Transient = true, RetryAfter = after };
}
