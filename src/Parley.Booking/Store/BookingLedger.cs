using Dapper;
using Microsoft.Extensions.Options;
using Parley.Booking.Model;
using Parley.Core.Storage;

namespace Parley.Booking.Store;

/// <summary>
/// The booking state machine, and the one place that keeps THE INVARIANT: a slot's seats held plus confirmed never exceed
/// its capacity. Every seat movement is a single conditional UPDATE of the slot's counters (taken only when the seats
/// are there), made in the same transaction as the booking's own conditional state change, so it holds under any
/// concurrency, on SQLite and PostgreSQL, across instances; the table's CHECK constraint backs it up. A transition is
/// <c>UPDATE … WHERE state = 'pending'</c>: of a confirmation and an expiry racing, exactly one changes the row.
/// </summary>
public sealed class BookingLedger(Database database, IOptions<BookingOptions> options, TimeProvider time)
{
    private BookingOptions Options => options.Value;

    /// <summary>Holds seats: a pending booking that expires after <see cref="BookingOptions.PendingTimeout"/> unless confirmed.</summary>
    public async Task<BookingResult> HoldAsync(HoldRequest request, CancellationToken ct = default)
    {
        if (request.PartySize <= 0)
        {
            return BookingResult.Refused(BookingError.PartySize, "Party size must be at least 1.", 400, "partySize");
        }

        var now = time.NowMs();
        var slot = await SlotAsync(request.SlotId, ct);
        if (slot is null)
        {
            return BookingResult.Refused(BookingError.SlotNotFound, $"There is no time slot {request.SlotId}.", 404, "slotId");
        }

        if (request.PartySize > slot.Capacity)
        {
            return BookingResult.Refused(BookingError.PartySize, $"Party size {request.PartySize} is more than this slot's {slot.Capacity} seats.", 400, "partySize");
        }

        (long PriceCents, string Currency, long Active) activity;
        await using (var c = await database.OpenAsync(ct))
        {
            activity = await c.QuerySingleAsync<(long, string, long)>(new CommandDefinition(
                "SELECT price_cents, currency, active FROM booking_activities WHERE id = @ActivityId", new { slot.ActivityId }, cancellationToken: ct));
        }

        if (activity.Active == 0)
        {
            return BookingResult.Refused(BookingError.ActivityInactive, "This activity is not offered at the moment.", 409, "slotId");
        }

        var expires = now + (long)Options.PendingTimeout.TotalMilliseconds;
        var id = await database.WriteAsync(async w =>
        {
            // THE INVARIANT: the seats are taken only if they are there, in one statement.
            var taken = await w.Connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE booking_slots SET held = held + @n
                WHERE id = @slotId AND state = 'open' AND starts_at > @now AND held + confirmed + @n <= capacity
                """,
                new { n = (long)request.PartySize, slotId = request.SlotId, now }, w.Transaction, cancellationToken: ct));
            if (taken != 1)
            {
                return 0L;
            }

            for (var attempt = 0; ; attempt++)
            {
                var inserted = await w.Connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                    """
                    INSERT INTO booking_bookings (reference, phone, guest_name, account_id, language, slot_id, activity_id, party_size,
                        unit_price_cents, total_cents, currency, state, hold_expires_at, created_at, updated_at, changed_by)
                    VALUES (@reference, @phone, @guestName, @accountId, @language, @slotId, @activityId, @partySize,
                        @price, @total, @currency, 'pending', @expires, @now, @now, @actor)
                    ON CONFLICT (reference) DO NOTHING
                    RETURNING id
                    """,
                    new
                    {
                        reference = BookingReferences.New(),
                        phone = request.Phone,
                        guestName = request.GuestName,
                        accountId = request.AccountId,
                        language = request.Language,
                        slotId = request.SlotId,
                        activityId = slot.ActivityId,
                        partySize = (long)request.PartySize,
                        price = activity.PriceCents,
                        total = activity.PriceCents * request.PartySize,
                        currency = activity.Currency,
                        expires,
                        now,
                        actor = request.Actor,
                    }, w.Transaction, cancellationToken: ct));
                if (inserted is { } bookingId)
                {
                    await HistoryAsync(w, bookingId, null, BookingState.Pending, request.Actor, null, now);
                    return bookingId;
                }

                if (attempt > 5)
                {
                    throw new InvalidOperationException("Could not find a free booking reference.");
                }
            }
        }, ct);

        if (id == 0)
        {
            return await WhyNotHeldAsync(request, now, ct);
        }

        return BookingResult.Success((await FindByIdAsync(id, ct))!);
    }

    /// <summary>Confirms a pending booking before its deadline (idempotent for a confirmed one).</summary>
    /// <param name="phone">The guest's number: another guest's reference is not found. Null for operators.</param>
    public async Task<BookingResult> ConfirmAsync(string reference, string? phone, string actor, CancellationToken ct = default)
    {
        var booking = await FindAsync(reference, phone, ct);
        if (booking is null)
        {
            return NotFound(reference);
        }

        var now = time.NowMs();
        var changed = await database.WriteAsync(async w =>
        {
            var moved = await w.Connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE booking_bookings SET state = 'confirmed', confirmed_at = @now, updated_at = @now, changed_by = @actor, change_reason = NULL
                WHERE id = @id AND state = 'pending' AND hold_expires_at > @now
                """,
                new { id = booking.Id, now, actor }, w.Transaction, cancellationToken: ct));
            if (moved != 1)
            {
                return false;
            }

            await w.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE booking_slots SET held = held - @n, confirmed = confirmed + @n WHERE id = @slotId",
                new { n = (long)booking.PartySize, slotId = booking.SlotId }, w.Transaction, cancellationToken: ct));
            await HistoryAsync(w, booking.Id, BookingState.Pending, BookingState.Confirmed, actor, null, now);
            return true;
        }, ct);

        var current = (await FindByIdAsync(booking.Id, ct))!;
        if (changed || current.State == BookingState.Confirmed)
        {
            return BookingResult.Success(current);
        }

        if (current.State == BookingState.Pending)
        {
            // Past its deadline but not yet swept: expire it now, so the seats are free at once.
            await ExpireOneAsync(current, now, ct);
            current = (await FindByIdAsync(booking.Id, ct))!;
        }

        return current.State == BookingState.Expired
            ? BookingResult.Refused(BookingError.HoldExpired, $"Booking {current.Reference} was not confirmed before {current.HoldExpiresAt:u} and has expired; its seats were released. Book the slot again if seats are still free.", 409)
            : BookingResult.Refused(BookingError.NotPending, $"Booking {current.Reference} is {current.State}; only a pending booking can be confirmed.", 409);
    }

    /// <summary>
    /// Cancels a pending or confirmed booking. A guest may cancel a confirmed booking only until
    /// <see cref="BookingOptions.CancellationDeadline"/> before the activity; an operator (<paramref name="force"/>) at any time before it ends.
    /// </summary>
    public async Task<BookingResult> CancelAsync(string reference, string? phone, string actor, string? reason, bool force = false, CancellationToken ct = default)
    {
        var booking = await FindAsync(reference, phone, ct);
        if (booking is null)
        {
            return NotFound(reference);
        }

        var now = time.NowMs();
        if (booking.State is not (BookingState.Pending or BookingState.Confirmed))
        {
            return BookingResult.Refused(BookingError.Final, $"Booking {booking.Reference} is already {booking.State}.", 409);
        }

        if (booking.State == BookingState.Confirmed && !force && !CanGuestCancel(booking, time.GetUtcNow()))
        {
            return BookingResult.Refused(BookingError.CancelDeadline, CancelDeadlineMessage(booking), 409);
        }

        var from = booking.State;
        var changed = await database.WriteAsync(async w =>
        {
            var moved = await w.Connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE booking_bookings SET state = 'cancelled', cancelled_at = @now, updated_at = @now, changed_by = @actor, change_reason = @reason
                WHERE id = @id AND state = @from
                """,
                new { id = booking.Id, now, actor, reason, from }, w.Transaction, cancellationToken: ct));
            if (moved != 1)
            {
                return false;
            }

            var counter = from == BookingState.Pending ? "held" : "confirmed";
            await w.Connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE booking_slots SET {counter} = {counter} - @n WHERE id = @slotId",
                new { n = (long)booking.PartySize, slotId = booking.SlotId }, w.Transaction, cancellationToken: ct));
            await HistoryAsync(w, booking.Id, from, BookingState.Cancelled, actor, reason, now);
            return true;
        }, ct);

        if (!changed)
        {
            // Something else moved it first (an expiry, a confirmation): answer from what it is now.
            var now2 = await FindByIdAsync(booking.Id, ct);
            return now2 is { State: BookingState.Confirmed or BookingState.Pending }
                ? await CancelAsync(reference, phone, actor, reason, force, ct)
                : BookingResult.Refused(BookingError.Final, $"Booking {booking.Reference} is already {now2?.State}.", 409);
        }

        return BookingResult.Success((await FindByIdAsync(booking.Id, ct))!);
    }

    /// <summary>Whether a guest may still cancel a confirmed booking at <paramref name="now"/>.</summary>
    public bool CanGuestCancel(Model.Booking booking, DateTimeOffset now) =>
        booking.State == BookingState.Pending
        || (booking.State == BookingState.Confirmed && now <= booking.SlotStartsAt - Options.CancellationDeadline);

    /// <summary>Until when a guest may cancel (the activity's start minus the cancellation deadline).</summary>
    public DateTimeOffset CancelUntil(Model.Booking booking) => booking.SlotStartsAt - Options.CancellationDeadline;

    public string CancelDeadlineMessage(Model.Booking booking) =>
        $"Booking {booking.Reference} can no longer be cancelled: cancellations close {Options.CancellationDeadline.TotalHours:0.#} hours before the activity (at {CancelUntil(booking):u}). Contact the resort if you cannot attend.";

    /// <summary>Expires the pending bookings whose deadline has passed (at most <paramref name="max"/>); returns them as expired.</summary>
    public async Task<IReadOnlyList<Model.Booking>> ExpireDueAsync(int max = 500, CancellationToken ct = default)
    {
        var now = time.NowMs();
        List<BookingRow> due;
        await using (var c = await database.OpenAsync(ct))
        {
            due = (await c.QueryAsync<BookingRow>(new CommandDefinition(
                $"SELECT {BookingRow.Columns} FROM {BookingRow.From} WHERE b.state = 'pending' AND b.hold_expires_at <= @now ORDER BY b.hold_expires_at LIMIT @max",
                new { now, max = (long)max }, cancellationToken: ct))).ToList();
        }

        var expired = new List<Model.Booking>();
        foreach (var row in due)
        {
            if (await ExpireOneAsync(row.ToBooking(), now, ct))
            {
                expired.Add(row.ToBooking() with { State = BookingState.Expired, ExpiredAt = Clock.FromMs(now) });
            }
        }

        return expired;
    }

    /// <summary>Marks confirmed bookings whose activity has ended as completed; returns how many.</summary>
    public async Task<IReadOnlyList<Model.Booking>> CompleteDueAsync(int max = 500, CancellationToken ct = default)
    {
        var now = time.NowMs();
        List<BookingRow> due;
        await using (var c = await database.OpenAsync(ct))
        {
            due = (await c.QueryAsync<BookingRow>(new CommandDefinition(
                $"SELECT {BookingRow.Columns} FROM {BookingRow.From} WHERE b.state = 'confirmed' AND s.ends_at <= @now ORDER BY s.ends_at LIMIT @max",
                new { now, max = (long)max }, cancellationToken: ct))).ToList();
        }

        var done = new List<Model.Booking>();
        foreach (var row in due)
        {
            var moved = await database.WriteAsync(async w =>
            {
                var n = await w.Connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE booking_bookings SET state = 'completed', completed_at = @now, updated_at = @now, changed_by = 'system', change_reason = NULL WHERE id = @id AND state = 'confirmed'",
                    new { id = row.Id, now }, w.Transaction, cancellationToken: ct));
                if (n == 1)
                {
                    await HistoryAsync(w, row.Id, BookingState.Confirmed, BookingState.Completed, BookingActor.System, "the activity ended", now);
                }

                return n == 1;
            }, ct);
            if (moved)
            {
                done.Add(row.ToBooking() with { State = BookingState.Completed });
            }
        }

        return done;
    }

    /// <summary>
    /// Claims the confirmed bookings whose activity starts within <paramref name="within"/> and that have had no reminder
    /// (each claimed once, by one instance: a conditional update of <c>reminded_at</c>).
    /// </summary>
    public async Task<IReadOnlyList<Model.Booking>> ClaimRemindersAsync(TimeSpan within, int max = 200, CancellationToken ct = default)
    {
        var now = time.NowMs();
        var until = now + (long)within.TotalMilliseconds;
        List<BookingRow> due;
        await using (var c = await database.OpenAsync(ct))
        {
            due = (await c.QueryAsync<BookingRow>(new CommandDefinition(
                $"SELECT {BookingRow.Columns} FROM {BookingRow.From} WHERE b.state = 'confirmed' AND b.reminded_at IS NULL AND s.starts_at > @now AND s.starts_at <= @until ORDER BY s.starts_at LIMIT @max",
                new { now, until, max = (long)max }, cancellationToken: ct))).ToList();
        }

        var claimed = new List<Model.Booking>();
        foreach (var row in due)
        {
            var n = await database.WriteAsync(w => w.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE booking_bookings SET reminded_at = @now WHERE id = @id AND reminded_at IS NULL AND state = 'confirmed'",
                new { id = row.Id, now }, w.Transaction, cancellationToken: ct)), ct);
            if (n == 1)
            {
                claimed.Add(row.ToBooking());
            }
        }

        return claimed;
    }

    public async Task<Model.Booking?> FindAsync(string reference, string? phone, CancellationToken ct = default)
    {
        var normalized = BookingReferences.Normalize(reference);
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<BookingRow>(new CommandDefinition(
            $"SELECT {BookingRow.Columns} FROM {BookingRow.From} WHERE b.reference = @normalized",
            new { normalized }, cancellationToken: ct));
        // Another guest's reference is answered exactly like an unknown one.
        return row is null || (phone is not null && row.Phone != phone) ? null : row.ToBooking();
    }

    public async Task<Model.Booking?> FindByIdAsync(long id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<BookingRow>(new CommandDefinition(
            $"SELECT {BookingRow.Columns} FROM {BookingRow.From} WHERE b.id = @id", new { id }, cancellationToken: ct));
        return row?.ToBooking();
    }

    public async Task<TimeSlot?> SlotAsync(long slotId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<SlotRow>(new CommandDefinition(
            $"SELECT {SlotRow.Columns} FROM booking_slots s WHERE s.id = @slotId", new { slotId }, cancellationToken: ct));
        return row?.ToSlot();
    }

    private async Task<bool> ExpireOneAsync(Model.Booking booking, long now, CancellationToken ct) =>
        await database.WriteAsync(async w =>
        {
            var moved = await w.Connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE booking_bookings SET state = 'expired', expired_at = @now, updated_at = @now, changed_by = 'system', change_reason = 'not confirmed in time'
                WHERE id = @id AND state = 'pending' AND hold_expires_at <= @now
                """,
                new { id = booking.Id, now }, w.Transaction, cancellationToken: ct));
            if (moved != 1)
            {
                return false;
            }

            await w.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE booking_slots SET held = held - @n WHERE id = @slotId",
                new { n = (long)booking.PartySize, slotId = booking.SlotId }, w.Transaction, cancellationToken: ct));
            await HistoryAsync(w, booking.Id, BookingState.Pending, BookingState.Expired, BookingActor.System, "not confirmed in time", now);
            return true;
        }, ct);

    private async Task<BookingResult> WhyNotHeldAsync(HoldRequest request, long now, CancellationToken ct)
    {
        var slot = await SlotAsync(request.SlotId, ct);
        if (slot is null)
        {
            return BookingResult.Refused(BookingError.SlotNotFound, $"There is no time slot {request.SlotId}.", 404, "slotId");
        }

        if (slot.StartsAt.ToUnixTimeMilliseconds() <= now)
        {
            return BookingResult.Refused(BookingError.SlotPast, "This time slot has already started; choose a later one.", 409, "slotId");
        }

        if (!slot.IsOpen)
        {
            return BookingResult.Refused(BookingError.SlotClosed, "This time slot is closed for booking; choose another one.", 409, "slotId");
        }

        return BookingResult.Refused(BookingError.SlotFull,
            slot.Available == 0
                ? "This time slot is full; choose another one."
                : $"Only {slot.Available} seat{(slot.Available == 1 ? "" : "s")} left in this time slot; book fewer or choose another one.",
            409, "partySize");
    }

    private static Task HistoryAsync(WriteContext w, long bookingId, string? from, string to, string actor, string? reason, long now) =>
        w.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO booking_history (booking_id, from_state, to_state, actor, reason, at) VALUES (@bookingId, @from, @to, @actor, @reason, @now)",
            new { bookingId, from, to, actor, reason, now }, w.Transaction, cancellationToken: w.CancellationToken));

    private static BookingResult NotFound(string reference) =>
        BookingResult.Refused(BookingError.NotFound, $"No booking {BookingReferences.Normalize(reference)} of yours was found.", 404, "reference");
}
