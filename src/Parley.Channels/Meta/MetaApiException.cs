using System.Net;

namespace Parley.Channels.Meta;

/// <summary>A Graph API call that failed, with Meta's error when it sent one.</summary>
public sealed class MetaApiException(string message, HttpStatusCode? status, MetaError? error, bool transient, Exception? inner = null)
    : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;
    public MetaError? Error { get; } = error;

    /// <summary>Worth trying again later (network, 5xx, throttling).</summary>
    public bool Transient { get; } = transient;
}
