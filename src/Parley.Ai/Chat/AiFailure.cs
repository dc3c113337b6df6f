namespace Parley.Ai.Chat;

public sealed record AiFailure(AiFailureKind Kind, string Message)
{
    public int? Status { get; init; }

    /// <summary>How long the provider asked us to wait (Retry-After), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public bool Transient => Kind is AiFailureKind.Timeout or AiFailureKind.RateLimited or AiFailureKind.ServerError or AiFailureKind.Network;

    /// <summary>A short line for logs, the usage table and <c>ai test</c>; never holds keys or message bodies.</summary>
    public override string ToString() => Status is { } s ? $"{Kind} (HTTP {s}): {Message}" : $"{Kind}: {Message}";
}
