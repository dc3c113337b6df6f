namespace Parley.Booking.Model;

public sealed record BookingHistoryEntry(string? FromState, string ToState, string Actor, string? Reason, DateTimeOffset At);
