using Parley.Booking.Model;

namespace Parley.Booking.Admin;

/// <summary>An uploaded picture added to an activity, or why it was refused (nothing stored then).</summary>
public sealed record ImageUploadResult(ActivityImage? Image, string? Error)
{
    public bool Ok => Error is null;
}
