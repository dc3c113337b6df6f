namespace Parley.Core.Statistics;

/// <summary>Messages created in one minute (UTC), by direction.</summary>
public sealed record MinuteCount(DateTimeOffset Minute, long Inbound, long Outbound);
