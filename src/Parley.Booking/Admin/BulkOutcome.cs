namespace Parley.Booking.Admin;

/// <summary>What an operator's bulk action did to one booking: changed (and whether the guest was told), or why not.</summary>
public sealed record BulkOutcome(string Reference, bool Changed, string Message);
