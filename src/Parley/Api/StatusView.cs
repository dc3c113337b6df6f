namespace Parley.Api;

public sealed record StatusView(string Status, DateTimeOffset At)
{
    public string? ErrorCode { get; init; }
    public string? ErrorReason { get; init; }
}
