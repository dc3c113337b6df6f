using Dapper;
using Parley.Booking.Model;
using Parley.Core.Storage;

namespace Parley.Booking.Store;

/// <summary>Reading bookings: a guest's own, an operator's filtered list, a booking's history, the dashboard's figures.</summary>
public sealed class BookingQueries(Database database, TimeProvider time)
{
    /// <summary>A guest's bookings, the upcoming first (soonest first), then the past (latest first).</summary>
    public async Task<IReadOnlyList<Model.Booking>> ForGuestAsync(string phone, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = (await c.QueryAsync<BookingRow>(new CommandDefinition(
            $"SELECT {BookingRow.Columns} FROM {BookingRow.From} WHERE b.phone = @phone ORDER BY s.starts_at", new { phone }, cancellationToken: ct)))
            .Select(r => r.ToBooking()).ToList();
        var now = time.GetUtcNow();
        var upcoming = rows.Where(b => b.State is BookingState.Pending or BookingState.Confirmed && b.SlotEndsAt > now);
        var past = rows.Except(upcoming).OrderByDescending(b => b.SlotStartsAt);
        return [.. upcoming, .. past];
    }

    public async Task<IReadOnlyList<Model.Booking>> ListAsync(BookingFilter filter, CancellationToken ct = default)
    {
        var where = new List<string>();
        if (filter.State is not null)
        {
            where.Add("b.state = @State");
        }

        if (filter.ActivityId is not null)
        {
            where.Add("b.activity_id = @ActivityId");
        }

        if (filter.Phone is not null)
        {
            where.Add("b.phone = @Phone");
        }

        if (filter.From is not null)
        {
            where.Add("s.starts_at >= @FromMs");
        }

        if (filter.To is not null)
        {
            where.Add("s.starts_at < @ToMs");
        }

        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<BookingRow>(new CommandDefinition(
            $"SELECT {BookingRow.Columns} FROM {BookingRow.From} {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY s.starts_at DESC, b.id DESC LIMIT @Limit OFFSET @Offset",
            new
            {
                filter.State,
                filter.ActivityId,
                filter.Phone,
                FromMs = filter.From?.ToUnixTimeMilliseconds(),
                ToMs = filter.To?.ToUnixTimeMilliseconds(),
                Limit = (long)Math.Clamp(filter.Limit, 1, 5000),
                Offset = (long)Math.Max(0, filter.Offset),
            }, cancellationToken: ct));
        return rows.Select(r => r.ToBooking()).ToList();
    }

    public async Task<IReadOnlyList<BookingHistoryEntry>> HistoryAsync(long bookingId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<(string? From, string To, string Actor, string? Reason, long At)>(new CommandDefinition(
            "SELECT from_state, to_state, actor, reason, at FROM booking_history WHERE booking_id = @bookingId ORDER BY id", new { bookingId }, cancellationToken: ct));
        return rows.Select(r => new BookingHistoryEntry(r.From, r.To, r.Actor, r.Reason, Clock.FromMs(r.At))).ToList();
    }

    public async Task<BookingStatistics> StatisticsAsync(CancellationToken ct = default)
    {
        var now = time.NowMs();
        var week = now + (long)TimeSpan.FromDays(7).TotalMilliseconds;
        var month = now - (long)TimeSpan.FromDays(30).TotalMilliseconds;
        await using var c = await database.OpenAsync(ct);
        var seats = await c.QuerySingleAsync<(long? Capacity, long? Taken)>(new CommandDefinition(
            "SELECT SUM(capacity), SUM(held + confirmed) FROM booking_slots WHERE state = 'open' AND starts_at > @now AND starts_at <= @week",
            new { now, week }, cancellationToken: ct));
        var counts = (await c.QueryAsync<(string State, long Count)>(new CommandDefinition(
            "SELECT state, COUNT(*) FROM booking_bookings WHERE created_at >= @month GROUP BY state", new { month }, cancellationToken: ct)))
            .ToDictionary(r => r.State, r => (int)r.Count);
        var pending = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM booking_bookings WHERE state = 'pending'", cancellationToken: ct));
        var confirmedEver = counts.GetValueOrDefault(BookingState.Confirmed) + counts.GetValueOrDefault(BookingState.Completed)
            + await c.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM booking_bookings WHERE created_at >= @month AND state = 'cancelled' AND confirmed_at IS NOT NULL", new { month }, cancellationToken: ct));
        return new BookingStatistics(
            (int)(seats.Capacity ?? 0), (int)(seats.Taken ?? 0), (int)pending, confirmedEver,
            counts.GetValueOrDefault(BookingState.Expired), counts.GetValueOrDefault(BookingState.Cancelled), counts.Values.Sum());
    }
}
