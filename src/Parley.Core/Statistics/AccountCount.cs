namespace Parley.Core.Statistics;

public sealed record AccountCount(string AccountId, long Inbound, long Outbound, long Failed);
