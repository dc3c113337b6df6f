namespace Parley.Core.Events;

public static class DomainEventTypes
{
    public static readonly IReadOnlyList<string> All =
        [MessageReceived.Name, MessageStatusChanged.Name, ConversationStateChanged.TakeoverName, ConversationStateChanged.HandbackName, AccountAlertRaised.Name];
}
