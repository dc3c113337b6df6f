namespace Parley.Core.Statistics;

public sealed record MessageStatistics(DateTimeOffset From, DateTimeOffset To)
{
    public string? AccountId { get; init; }
    public long Inbound { get; init; }
    public long Outbound { get; init; }
    public long Failed { get; init; }
    public IReadOnlyList<DayCount> PerDay { get; init; } = [];
    public IReadOnlyList<AccountCount> PerAccount { get; init; } = [];
    /// <summary>Intents the bots recognised; empty until a bot engine reports them (<see cref="IIntentStatistics"/>).</summary>
    public IReadOnlyList<NamedCount> Intents { get; init; } = [];
    /// <summary>How the bots did: messages handled, the share that succeeded, the average processing time; null without a bot engine.</summary>
    public BotPerformance? Bots { get; init; }
    public IReadOnlyList<TemplateCount> Templates { get; init; } = [];
    public ResponseTimes ResponseTimes { get; init; } = new(0, null, null, null);
    public IReadOnlyList<FailureCount> Failures { get; init; } = [];
    /// <summary>Conversations with at least one message in the period.</summary>
    public long ActiveConversations { get; init; }
    /// <summary>Conversations a person holds now (state <c>human</c>).</summary>
    public long HumanConversations { get; init; }
}
