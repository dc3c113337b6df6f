using Dapper;
using Microsoft.Extensions.Options;
using Parley.Booking.Model;
using Parley.Core.Storage;

namespace Parley.Booking.Store;

/// <summary>Time slots: listing them with live availability, generating recurring ones (with a cap), closing, resizing.</summary>
public sealed class SlotSchedule(Database database, ActivityCatalog activities, IOptions<BookingOptions> options, TimeProvider time)
{
    /// <summary>Upcoming slots of an activity (not started yet), soonest first.</summary>
    public async Task<IReadOnlyList<TimeSlot>> UpcomingAsync(long activityId, int max = 50, bool openOnly = false, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<SlotRow>(new CommandDefinition(
            $"SELECT {SlotRow.Columns} FROM booking_slots s WHERE s.activity_id = @activityId AND s.starts_at > @now {(openOnly ? "AND s.state = 'open'" : "")} ORDER BY s.starts_at LIMIT @max",
            new { activityId, now = time.NowMs(), max = (long)max }, cancellationToken: ct));
        return rows.Select(r => r.ToSlot()).ToList();
    }

    /// <summary>Slots starting in [from, to), all activities, for the admin and free-text questions.</summary>
    public async Task<IReadOnlyList<TimeSlot>> BetweenAsync(DateTimeOffset from, DateTimeOffset to, long? activityId = null, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<SlotRow>(new CommandDefinition(
            $"SELECT {SlotRow.Columns} FROM booking_slots s WHERE s.starts_at >= @from AND s.starts_at < @to {(activityId is null ? "" : "AND s.activity_id = @activityId")} ORDER BY s.starts_at, s.activity_id",
            new { from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds(), activityId }, cancellationToken: ct));
        return rows.Select(r => r.ToSlot()).ToList();
    }

    /// <summary>
    /// Per activity: the free seats in its open slots within <see cref="BookingOptions.AvailabilityHorizon"/> and how
    /// many such slots have room (live availability for browsing). Read from ix_booking_slots_availability alone.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, (int FreeSeats, int OpenSlots)>> AvailabilityAsync(CancellationToken ct = default)
    {
        var now = time.NowMs();
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<(long ActivityId, long Free, long Slots)>(new CommandDefinition(
            """
            SELECT activity_id, SUM(capacity - held - confirmed), COUNT(*) FROM booking_slots
            WHERE state = 'open' AND starts_at > @now AND starts_at < @until AND held + confirmed < capacity GROUP BY activity_id
            """,
            new { now, until = now + (long)options.Value.AvailabilityHorizon.TotalMilliseconds }, cancellationToken: ct));
        return rows.ToDictionary(r => r.ActivityId, r => ((int)r.Free, (int)r.Slots));
    }

    /// <summary>The start times a plan gives, in UTC, or why it may not run (too many slots, bad range).</summary>
    public async Task<SlotPlanResult> PreviewAsync(SlotPlan plan, CancellationToken ct = default)
    {
        if (await activities.FindAsync(plan.ActivityId, ct) is null)
        {
            return new([], 0, 0, $"There is no activity {plan.ActivityId}.");
        }

        if (plan.To < plan.From)
        {
            return new([], 0, 0, "The end date is before the start date.");
        }

        if (plan.Times.Count == 0)
        {
            return new([], 0, 0, "Give at least one time of day, like 09:00.");
        }

        if (plan.Capacity is <= 0)
        {
            return new([], 0, 0, "Capacity must be at least 1.");
        }

        var days = (plan.To.DayNumber - plan.From.DayNumber) + 1;
        var max = options.Value.MaxGeneratedSlots;
        if ((long)days * plan.Times.Count > max * 8L)
        {
            return new([], 0, 0, $"This plan would create about {(long)days * plan.Times.Count} slots, more than the limit of {max} ({BookingOptions.SectionName}:MaxGeneratedSlots). Shorten the dates or use fewer times.");
        }

        var zone = options.Value.Zone();
        var now = time.GetUtcNow();
        var starts = new List<DateTimeOffset>();
        for (var d = plan.From; d <= plan.To; d = d.AddDays(1))
        {
            if (plan.Days.Count > 0 && !plan.Days.Contains(d.DayOfWeek))
            {
                continue;
            }

            foreach (var t in plan.Times.Order())
            {
                var local = d.ToDateTime(t, DateTimeKind.Unspecified);
                var start = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
                if (start > now)
                {
                    starts.Add(start);
                }
            }
        }

        if (starts.Count > max)
        {
            return new(starts, 0, 0, $"This plan would create {starts.Count} slots, more than the limit of {max} ({BookingOptions.SectionName}:MaxGeneratedSlots). Shorten the dates or use fewer times.");
        }

        return new(starts, 0, 0, null);
    }

    /// <summary>Creates the slots of a plan; slots that already exist (same activity and start) are left as they are.</summary>
    public async Task<SlotPlanResult> GenerateAsync(SlotPlan plan, CancellationToken ct = default)
    {
        var preview = await PreviewAsync(plan, ct);
        if (!preview.Ok)
        {
            return preview;
        }

        var activity = (await activities.FindAsync(plan.ActivityId, ct))!;
        var capacity = plan.Capacity ?? activity.DefaultCapacity;
        var duration = (long)TimeSpan.FromMinutes(Math.Max(1, activity.DurationMinutes)).TotalMilliseconds;
        var now = time.NowMs();
        var created = await database.WriteAsync(async w =>
        {
            var n = 0;
            foreach (var start in preview.Starts)
            {
                var startMs = start.ToUnixTimeMilliseconds();
                n += await w.Connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO booking_slots (activity_id, starts_at, ends_at, capacity, held, confirmed, state, created_at)
                    VALUES (@activityId, @startMs, @endMs, @capacity, 0, 0, 'open', @now)
                    ON CONFLICT (activity_id, starts_at) DO NOTHING
                    """,
                    new { activityId = plan.ActivityId, startMs, endMs = startMs + duration, capacity = (long)capacity, now }, w.Transaction, cancellationToken: ct));
            }

            return n;
        }, ct);
        return preview with { Created = created, AlreadyThere = preview.Starts.Count - created };
    }

    public async Task<bool> SetStateAsync(long slotId, string state, CancellationToken ct = default) =>
        await database.WriteAsync(w => w.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE booking_slots SET state = @state WHERE id = @slotId", new { slotId, state }, w.Transaction, cancellationToken: ct)), ct) == 1;

    /// <summary>Changes a slot's capacity, never below the seats already held and confirmed (false then).</summary>
    public async Task<bool> SetCapacityAsync(long slotId, int capacity, CancellationToken ct = default) =>
        capacity >= 0 && await database.WriteAsync(w => w.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE booking_slots SET capacity = @capacity WHERE id = @slotId AND held + confirmed <= @capacity",
            new { slotId, capacity = (long)capacity }, w.Transaction, cancellationToken: ct)), ct) == 1;
}
