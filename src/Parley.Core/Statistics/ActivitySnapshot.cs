namespace Parley.Core.Statistics;

/// <summary>The admin dashboard's live look at a period (the last 24 hours): traffic per minute, reply times, failures, accounts.</summary>
public sealed record ActivitySnapshot(DateTimeOffset From, DateTimeOffset To)
{
    public long Inbound { get; init; }
    public long Outbound { get; init; }
    public long Failed { get; init; }

    /// <summary>Every minute of the period, oldest first, zeros included.</summary>
    public IReadOnlyList<MinuteCount> PerMinute { get; init; } = [];

    public ResponseTimes ReplyTimes { get; init; } = new(0, null, null, null);

    /// <summary>Every hour of the period, oldest first (hours without replies have no samples).</summary>
    public IReadOnlyList<HourlyReplyTimes> ReplyTimesPerHour { get; init; } = [];

    public IReadOnlyList<FailureCount> Failures { get; init; } = [];

    /// <summary>Each account with traffic in the period or failed webhooks.</summary>
    public IReadOnlyList<AccountActivity> Accounts { get; init; } = [];

    /// <summary>Conversations paused for a person that no person has answered yet.</summary>
    public long WaitingForPerson { get; init; }

    /// <summary>Conversations a person holds (they answered last).</summary>
    public long HeldByPeople { get; init; }
}
