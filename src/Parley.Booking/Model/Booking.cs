namespace Parley.Booking.Model;

/// <summary>A guest's booking of seats in a slot, with the price as it was when booked.</summary>
public sealed record Booking
{
    public long Id { get; init; }
    public required string Reference { get; init; }
    public required string Phone { get; init; }
    public string? GuestName { get; init; }
    public string? AccountId { get; init; }
    public string Language { get; init; } = "en";
    public long SlotId { get; init; }
    public long ActivityId { get; init; }
    public int PartySize { get; init; }
    public long UnitPriceCents { get; init; }
    public long TotalCents { get; init; }
    public string Currency { get; init; } = "USD";
    public required string State { get; init; }
    public DateTimeOffset HoldExpiresAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? ConfirmedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public DateTimeOffset? ExpiredAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public string ChangedBy { get; init; } = BookingActor.Guest;
    public string? ChangeReason { get; init; }

    /// <summary>The slot's start and end and the activity's name, when read with them.</summary>
    public DateTimeOffset SlotStartsAt { get; init; }
    public DateTimeOffset SlotEndsAt { get; init; }
    public string ActivityName { get; init; } = "";
    public string? ActivityNameEs { get; init; }

    public string ActivityNameIn(string language) => language == "es" && !string.IsNullOrWhiteSpace(ActivityNameEs) ? ActivityNameEs! : ActivityName;
}
