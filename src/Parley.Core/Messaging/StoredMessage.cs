namespace Parley.Core.Messaging;

/// <summary>A message as Parley stored it, in either direction.</summary>
public sealed record StoredMessage(long Id, string Direction, MessageContent Content, DateTimeOffset CreatedAt)
{
    public const string Inbound = "inbound";
    public const string Outbound = "outbound";

    public string AccountId { get; init; } = "";
    public long ConversationId { get; init; }
    public long ContactId { get; init; }
    public string? ProviderMessageId { get; init; }
    public string? IdempotencyKey { get; init; }
    public MessageStatus Status { get; init; }
    public DateTimeOffset StatusAt { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorReason { get; init; }
    public long? InReplyTo { get; init; }
    public string? Source { get; init; }
    public int Attempts { get; init; }
    public string? LastError { get; init; }
    /// <summary>0 nothing to do, 1 pending, 2 done, 3 failed (see <see cref="ProcessStates"/>).</summary>
    public int ProcessState { get; init; }
    /// <summary>When a failed attempt may be retried.</summary>
    public DateTimeOffset NextAttemptAt { get; init; }

    public bool IsInbound => Direction == Inbound;
}
