using Parley.Booking.Model;

namespace Parley.Booking.Recommendations;

/// <summary>A ranked suggestion: the activity, its next slots with room for the party, the score and why.</summary>
public sealed record Recommendation(Activity Activity, IReadOnlyList<TimeSlot> Slots, double Score, IReadOnlyList<string> Reasons);
