using System.Globalization;
using Parley.Booking.Model;

namespace Parley.Booking.Api;

/// <summary>An activity as the operator API shows it (ids are strings, prices in cents).</summary>
public sealed record ActivityView(
    string Id,
    string Slug,
    string Name,
    string? NameEs,
    string Description,
    string? DescriptionEs,
    string Category,
    IReadOnlyList<string> Tags,
    long PriceCents,
    string Currency,
    int DurationMinutes,
    string MeetingPoint,
    int MinAge,
    int DefaultCapacity,
    bool Active,
    string Source)
{
    public static ActivityView Of(Activity a) => new(
        a.Id.ToString(CultureInfo.InvariantCulture), a.Slug, a.Name, a.NameEs, a.Description, a.DescriptionEs, a.Category, a.TagList,
        a.PriceCents, a.Currency, a.DurationMinutes, a.MeetingPoint, a.MinAge, a.DefaultCapacity, a.Active, a.Source);
}
