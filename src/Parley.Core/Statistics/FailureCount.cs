namespace Parley.Core.Statistics;

public sealed record FailureCount(string? Code, string? Reason, long Count);
