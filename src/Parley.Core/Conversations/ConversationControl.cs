using Parley.Core.Bots;

namespace Parley.Core.Conversations;

/// <summary>A conversation's identity and who answers it: the bot (<c>bot</c>) or an operator (<c>human</c>).</summary>
public sealed record ConversationControl(long Id, string AccountId, long ContactId, string State)
{
    public bool TakenOver => State == ConversationInfo.HumanState;
}
