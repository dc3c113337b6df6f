namespace Parley.Core.Statistics;

/// <summary>Outbound messages of the period by where they are now.</summary>
public sealed record DeliveryCounts(long Queued, long Sent, long Delivered, long Read, long Failed)
{
    public long Total => Queued + Sent + Delivered + Read + Failed;

    /// <summary>Share of messages that left Parley that reached the phone (delivered or read), 0..1; null before any left.</summary>
    public double? DeliveryRate => Sent + Delivered + Read + Failed == 0 ? null : (double)(Delivered + Read) / (Sent + Delivered + Read + Failed);

    public double? ReadRate => Delivered + Read == 0 ? null : (double)Read / (Delivered + Read);
}
