namespace Parley.Core.Statistics;

public sealed record DayCount(DateOnly Day, long Inbound, long Outbound);
