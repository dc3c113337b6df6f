namespace Parley.Booking.Api;

/// <summary>Creates or updates an activity. On update the slug stays what it was.</summary>
/// <param name="Slug">Letters, digits and dashes; unique (<c>reef-snorkel</c>).</param>
/// <param name="PriceCents">The price per person in cents (4500 = 45.00).</param>
/// <param name="Currency">ISO 4217, three letters (default USD).</param>
public sealed record ActivityRequest(
    string? Slug,
    string? Name,
    string? Description,
    string? Category,
    long? PriceCents,
    int? DurationMinutes,
    int? DefaultCapacity,
    string? NameEs = null,
    string? DescriptionEs = null,
    IReadOnlyList<string>? Tags = null,
    string? Currency = null,
    string? MeetingPoint = null,
    int? MinAge = null,
    bool? Active = null);
