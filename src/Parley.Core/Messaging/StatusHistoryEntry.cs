namespace Parley.Core.Messaging;

public sealed record StatusHistoryEntry(MessageStatus Status, DateTimeOffset At)
{
    public string? ErrorCode { get; init; }
    public string? ErrorReason { get; init; }
}
