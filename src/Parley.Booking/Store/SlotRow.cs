using Parley.Booking.Model;
using Parley.Core.Storage;

namespace Parley.Booking.Store;

internal sealed class SlotRow
{
    public const string Columns = "s.id AS Id, s.activity_id AS ActivityId, s.starts_at AS StartsAt, s.ends_at AS EndsAt, s.capacity AS Capacity, s.held AS Held, s.confirmed AS Confirmed, s.state AS State";

    public long Id { get; set; }
    public long ActivityId { get; set; }
    public long StartsAt { get; set; }
    public long EndsAt { get; set; }
    public long Capacity { get; set; }
    public long Held { get; set; }
    public long Confirmed { get; set; }
    public string State { get; set; } = "";

    public TimeSlot ToSlot() => new(Id, ActivityId, Clock.FromMs(StartsAt), Clock.FromMs(EndsAt), (int)Capacity, (int)Held, (int)Confirmed, State);
}
