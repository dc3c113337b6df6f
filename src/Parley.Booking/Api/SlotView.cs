using System.Globalization;
using Parley.Booking.Model;

namespace Parley.Booking.Api;

/// <summary>A time slot with its live availability: <see cref="Available"/> = capacity − held − confirmed.</summary>
public sealed record SlotView(string Id, string ActivityId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity, int Held, int Confirmed, int Available, string State)
{
    public static SlotView Of(TimeSlot s) => new(
        s.Id.ToString(CultureInfo.InvariantCulture), s.ActivityId.ToString(CultureInfo.InvariantCulture), s.StartsAt, s.EndsAt,
        s.Capacity, s.Held, s.Confirmed, s.Available, s.State);
}
