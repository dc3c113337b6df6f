namespace Parley.Core.Media;

public sealed class MediaTooLargeException(long limit) : Exception($"The file is larger than the limit of {limit:N0} bytes.")
{
    public long Limit { get; } = limit;
}
