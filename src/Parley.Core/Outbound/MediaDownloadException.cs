namespace Parley.Core.Outbound;

public sealed class MediaDownloadException(string message, bool transient, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Worth retrying (network, 5xx, throttling) rather than giving up on the media.</summary>
    public bool Transient { get; } = transient;
}
