namespace Parley.Core.Events;

/// <summary>A new inbound message was stored (duplicates of a message already stored are not events).</summary>
public sealed record MessageReceived(string AccountId, long MessageId, long ConversationId, DateTimeOffset At) : DomainEvent(AccountId, At)
{
    public const string Name = "message.received";
    public override string Type => Name;
}
