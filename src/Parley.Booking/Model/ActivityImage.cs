namespace Parley.Booking.Model;

/// <summary>A picture of an activity, stored through Core's media store (<see cref="MediaId"/>).</summary>
public sealed record ActivityImage(long Id, long ActivityId, string MediaId, string MimeType, string AltText, int SortOrder, bool IsPrimary);
