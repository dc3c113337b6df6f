using System.Globalization;

namespace Parley.Booking.Api;

/// <summary>
/// A booking as the API shows it. <see cref="HoldExpiresAt"/> matters while it is <c>pending</c>;
/// <see cref="CancelUntil"/> is when a guest's cancellations close (operators may cancel later).
/// </summary>
public sealed record BookingView(
    string Reference,
    string State,
    string Phone,
    string? GuestName,
    string ActivityId,
    string ActivityName,
    string SlotId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int PartySize,
    long UnitPriceCents,
    long TotalCents,
    string Currency,
    string Language,
    DateTimeOffset HoldExpiresAt,
    DateTimeOffset CancelUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ConfirmedAt,
    DateTimeOffset? CancelledAt,
    DateTimeOffset? ExpiredAt,
    DateTimeOffset? CompletedAt,
    string ChangedBy,
    string? ChangeReason)
{
    public static BookingView Of(Model.Booking b, DateTimeOffset cancelUntil) => new(
        b.Reference, b.State, b.Phone, b.GuestName, b.ActivityId.ToString(CultureInfo.InvariantCulture), b.ActivityNameIn(b.Language),
        b.SlotId.ToString(CultureInfo.InvariantCulture), b.SlotStartsAt, b.SlotEndsAt, b.PartySize, b.UnitPriceCents, b.TotalCents, b.Currency,
        b.Language, b.HoldExpiresAt, cancelUntil, b.CreatedAt, b.UpdatedAt, b.ConfirmedAt, b.CancelledAt, b.ExpiredAt, b.CompletedAt,
        b.ChangedBy, b.ChangeReason);
}
