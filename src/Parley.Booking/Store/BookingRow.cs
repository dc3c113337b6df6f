using Parley.Core.Storage;

namespace Parley.Booking.Store;

/// <summary>A row of <c>booking_bookings</c> joined with its slot and activity, as Dapper reads it (both engines give 64-bit integers).</summary>
internal sealed class BookingRow
{
    /// <summary>The columns, aliased to this row's properties, of <c>booking_bookings b JOIN booking_slots s JOIN booking_activities a</c>.</summary>
    public const string Columns = """
        b.id AS Id, b.reference AS Reference, b.phone AS Phone, b.guest_name AS GuestName, b.account_id AS AccountId,
        b.language AS Language, b.slot_id AS SlotId, b.activity_id AS ActivityId, b.party_size AS PartySize,
        b.unit_price_cents AS UnitPriceCents, b.total_cents AS TotalCents, b.currency AS Currency, b.state AS State,
        b.hold_expires_at AS HoldExpiresAt, b.created_at AS CreatedAt, b.updated_at AS UpdatedAt, b.confirmed_at AS ConfirmedAt,
        b.cancelled_at AS CancelledAt, b.expired_at AS ExpiredAt, b.completed_at AS CompletedAt, b.changed_by AS ChangedBy,
        b.change_reason AS ChangeReason, s.starts_at AS SlotStartsAt, s.ends_at AS SlotEndsAt, a.name AS ActivityName, a.name_es AS ActivityNameEs
        """;

    public const string From = "booking_bookings b JOIN booking_slots s ON s.id = b.slot_id JOIN booking_activities a ON a.id = b.activity_id";

    public long Id { get; set; }
    public string Reference { get; set; } = "";
    public string Phone { get; set; } = "";
    public string? GuestName { get; set; }
    public string? AccountId { get; set; }
    public string Language { get; set; } = "en";
    public long SlotId { get; set; }
    public long ActivityId { get; set; }
    public long PartySize { get; set; }
    public long UnitPriceCents { get; set; }
    public long TotalCents { get; set; }
    public string Currency { get; set; } = "";
    public string State { get; set; } = "";
    public long HoldExpiresAt { get; set; }
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }
    public long? ConfirmedAt { get; set; }
    public long? CancelledAt { get; set; }
    public long? ExpiredAt { get; set; }
    public long? CompletedAt { get; set; }
    public string ChangedBy { get; set; } = "";
    public string? ChangeReason { get; set; }
    public long SlotStartsAt { get; set; }
    public long SlotEndsAt { get; set; }
    public string ActivityName { get; set; } = "";
    public string? ActivityNameEs { get; set; }

    public Model.Booking ToBooking() => new()
    {
        Id = Id,
        Reference = Reference,
        Phone = Phone,
        GuestName = GuestName,
        AccountId = AccountId,
        Language = Language,
        SlotId = SlotId,
        ActivityId = ActivityId,
        PartySize = (int)PartySize,
        UnitPriceCents = UnitPriceCents,
        TotalCents = TotalCents,
        Currency = Currency,
        State = State,
        HoldExpiresAt = Clock.FromMs(HoldExpiresAt),
        CreatedAt = Clock.FromMs(CreatedAt),
        UpdatedAt = Clock.FromMs(UpdatedAt),
        ConfirmedAt = ConfirmedAt is { } c ? Clock.FromMs(c) : null,
        CancelledAt = CancelledAt is { } x ? Clock.FromMs(x) : null,
        ExpiredAt = ExpiredAt is { } e ? Clock.FromMs(e) : null,
        CompletedAt = CompletedAt is { } d ? Clock.FromMs(d) : null,
        ChangedBy = ChangedBy,
        ChangeReason = ChangeReason,
        SlotStartsAt = Clock.FromMs(SlotStartsAt),
        SlotEndsAt = Clock.FromMs(SlotEndsAt),
        ActivityName = ActivityName,
        ActivityNameEs = ActivityNameEs,
    };
}
