using System.ComponentModel.DataAnnotations;

namespace Parley.Core.Outbound;

/// <summary>
/// Sending policy (<c>Parley:Outbound</c>); each value can be overridden per account under
/// <c>Parley:Accounts:{n}:Outbound:*</c> (for example <c>Outbound:MessagesPerSecond</c>).
/// </summary>
public sealed class OutboundOptions
{
    public const string SectionName = "Parley:Outbound";

    /// <summary>Messages per second per account (Meta's default throughput is 80).</summary>
    [Range(0.1, 100_000)]
    public double MessagesPerSecond { get; set; } = 80;

    /// <summary>Messages per hour per account; 0 means no hourly cap.</summary>
    [Range(0, 100_000_000)]
    public int MessagesPerHour { get; set; }

    /// <summary>Messages to one recipient that may go at once before the pair rate applies.</summary>
    [Range(1, 1000)]
    public int PairBurst { get; set; } = 10;

    /// <summary>WhatsApp's pair rate: about one message every 6 seconds to the same person. Zero turns it off.</summary>
    public TimeSpan PairInterval { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>WhatsApp's customer service window: free-form messages only within this time of the contact's last message.</summary>
    public TimeSpan CustomerServiceWindow { get; set; } = TimeSpan.FromHours(24);
}
