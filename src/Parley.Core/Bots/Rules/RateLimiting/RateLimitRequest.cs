namespace Parley.Core.Bots.Rules.RateLimiting;

/// <param name="MessageId">The same message asked twice (a retried message) gets the same decision and is counted once.</param>
/// <param name="At">When the message arrived (stored), not when it is processed: a backlog after an outage is not a burst.</param>
public sealed record RateLimitRequest(string AccountId, long ContactId, long MessageId, DateTimeOffset At, int Limit, TimeSpan Window);
