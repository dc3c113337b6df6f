namespace Parley.Core.Inbound;

public sealed record ReplayResult(long EventId, ReplayOutcome Outcome, string? Detail = null);
