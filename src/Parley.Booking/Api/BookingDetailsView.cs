using Parley.Booking.Model;

namespace Parley.Booking.Api;

/// <summary>A booking with every change of its state: who (<c>guest</c>, <c>operator:NAME</c>, <c>system</c>) and why.</summary>
public sealed record BookingDetailsView(BookingView Booking, IReadOnlyList<BookingHistoryEntry> History);
