namespace Parley.Core.Bots;

public sealed record ConversationInfo(long Id, string AccountId, long ContactId)
{
    public const string BotState = "bot";
    public const string HumanState = "human";

    public string State { get; init; } = BotState;
    public string? Session { get; init; }
    public DateTimeOffset? LastInboundAt { get; init; }
}
