using Parley.Core.Messaging;

namespace Parley.Core.Events;

/// <summary>A message's status moved forward (sent, delivered, read, played, failed).</summary>
public sealed record MessageStatusChanged(string AccountId, long MessageId, MessageStatus Previous, MessageStatus Status, DateTimeOffset At) : DomainEvent(AccountId, At)
{
    public const string Name = "message.status";
    public override string Type => Name;
    public string? ErrorCode { get; init; }
    public string? ErrorReason { get; init; }
}
