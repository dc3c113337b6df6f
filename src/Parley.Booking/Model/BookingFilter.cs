namespace Parley.Booking.Model;

/// <summary>Which bookings an operator lists: by state, activity, guest number, slot start range.</summary>
public sealed record BookingFilter
{
    public string? State { get; init; }
    public long? ActivityId { get; init; }
    public string? Phone { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public int Limit { get; init; } = 200;

    /// <summary>How many of the ordered list to skip (paging).</summary>
    public int Offset { get; init; }
}
