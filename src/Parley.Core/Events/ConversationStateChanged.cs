namespace Parley.Core.Events;

/// <summary>A person took a conversation over from the bot, or handed it back.</summary>
public sealed record ConversationStateChanged(string AccountId, long ConversationId, string State, string By, DateTimeOffset At) : DomainEvent(AccountId, At)
{
    public const string TakeoverName = "conversation.takeover";
    public const string HandbackName = "conversation.handback";
    public override string Type => State == Bots.ConversationInfo.HumanState ? TakeoverName : HandbackName;
}
