namespace Parley.Core.Statistics;

/// <summary>Reply times of the inbound messages that arrived in one hour (UTC): how many were answered and the percentiles.</summary>
public sealed record HourlyReplyTimes(DateTimeOffset Hour, ResponseTimes Times);
