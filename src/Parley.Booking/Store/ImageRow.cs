using Parley.Booking.Model;

namespace Parley.Booking.Store;

internal sealed class ImageRow
{
    public const string Columns = "id AS Id, activity_id AS ActivityId, media_id AS MediaId, mime_type AS MimeType, alt_text AS AltText, sort_order AS SortOrder, is_primary AS IsPrimary";

    public long Id { get; set; }
    public long ActivityId { get; set; }
    public string MediaId { get; set; } = "";
    public string MimeType { get; set; } = "";
    public string AltText { get; set; } = "";
    public long SortOrder { get; set; }
    public long IsPrimary { get; set; }

    public ActivityImage ToImage() => new(Id, ActivityId, MediaId, MimeType, AltText, (int)SortOrder, IsPrimary != 0);
}
