using System.Globalization;
using Parley.Booking.Model;

namespace Parley.Booking.Api;

/// <summary>An activity as guests see it, in their language, with live availability (free seats in open future slots).</summary>
public sealed record GuestActivityView(
    string Id,
    string Name,
    string Description,
    string Category,
    long PriceCents,
    string Currency,
    int DurationMinutes,
    string MeetingPoint,
    int MinAge,
    int FreeSeats,
    int OpenSlots,
    string? ImageUrl)
{
    public static GuestActivityView Of(Activity a, string language, (int FreeSeats, int OpenSlots) availability, ActivityImage? image) => new(
        a.Id.ToString(CultureInfo.InvariantCulture), a.NameIn(language), a.DescriptionIn(language), a.Category, a.PriceCents, a.Currency,
        a.DurationMinutes, a.MeetingPoint, a.MinAge, availability.FreeSeats, availability.OpenSlots,
        image is null ? null : $"/book/images/{image.MediaId}");
}
