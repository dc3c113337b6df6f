namespace Parley.Booking.Model;

/// <summary>A guest's language and usual party size, with their preferences.</summary>
public sealed record GuestProfile(string Phone, string? Name, string? Language, int? UsualPartySize, IReadOnlyList<GuestPreference> Preferences);
