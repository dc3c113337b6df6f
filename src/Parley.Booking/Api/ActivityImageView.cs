using System.Globalization;
using Parley.Booking.Model;

namespace Parley.Booking.Api;

/// <summary>A picture of an activity: <see cref="Url"/> is public (the guest web app serves it).</summary>
public sealed record ActivityImageView(string Id, string Url, string MimeType, string AltText, int SortOrder, bool Primary)
{
    public static ActivityImageView Of(ActivityImage i) =>
        new(i.Id.ToString(CultureInfo.InvariantCulture), $"/book/images/{i.MediaId}", i.MimeType, i.AltText, i.SortOrder, i.IsPrimary);
}
