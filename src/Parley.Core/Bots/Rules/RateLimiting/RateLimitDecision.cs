namespace Parley.Core.Bots.Rules.RateLimiting;

public enum RateLimitDecision
{
    Allowed,

    /// <summary>Over the limit, and the first such message in this window: the bot sends its one notice.</summary>
    LimitedNotify,

    /// <summary>Over the limit, notice already sent: silence.</summary>
    Limited,
}
