using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Parley.Booking.Model;
using Parley.Booking.Store;

namespace Parley.Bench;

/// <summary>
/// Resort booking (issue 14): Parley's own host runs in this process on a fresh database with 100 activities ×
/// 1,000 slots, and <c>--callers</c> guests at a time ask for holds (closed loop, party of 1–4) on the 20,000 slots
/// of the coming days (200,000 seats: most holds are granted; a slot that fills up refuses the rest). Holds go through the Booking module's ledger (the code the bot, the
/// web app and the API call), so the figure is the ledger and the database, without HTTP. Then availability is read:
/// the catalogue (every activity's free seats over its 1,000 slots) and one activity's next slots.
/// Passes with no slot over its capacity, and every slot's held seats equal to its pending bookings' party sizes.
/// </summary>
public static class BookingScenario
{
    private const int Activities = 100;
    private const int SlotsPerActivity = 1000;
    private const int HotSlots = 20_000;
    private const int Capacity = 10;

    public static async Task<int> RunAsync(BenchOptions o)
    {
        var report = new Report();
        report.Section("Setup");
        report.Row("machine", Report.Machine());
        report.Row("scenario", $"{Activities} activities x {SlotsPerActivity} slots of {Capacity} seats; {o.Callers} guests holding 1-4 seats at a time on {HotSlots} slots for {o.Seconds:0.#} s after {o.Warmup:0.#} s; then availability reads; {o.Db}");

        await using var database = await BenchDatabase.CreateAsync(o.Db, o.Postgres, o.Pool);
        var settings = database.Settings();
        settings["Parley:Sandbox:Enabled"] = "false";
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning";
        settings["Parley:Clinic:RemindersEnabled"] = "false";
        settings["Urls"] = "http://127.0.0.1:0";
        foreach (var (k, v) in o.Extra)
        {
            settings[k] = v;
        }

        // As command-line settings: the host reads them before its parts register.
        var app = ParleyApp.Build([.. settings.Select(kv => $"--{kv.Key}={kv.Value}")]);
        await app.StartAsync();
        try
        {
            var hot = await SeedAsync(database);
            var ledger = app.Services.GetRequiredService<BookingLedger>();
            var schedule = app.Services.GetRequiredService<SlotSchedule>();

            report.Section("Holds");
            var holds = await HoldAsync(ledger, hot, o);
            report.Row("holds_granted_per_s", Report.F(holds.Granted / o.Seconds, "0.0"));
            report.Row("holds_asked_per_s", Report.F(holds.Asked / o.Seconds, "0.0"));
            report.Row("holds_refused", holds.Refused.ToString(CultureInfo.InvariantCulture));
            report.Latency("hold_latency", holds.Latency);

            report.Section("Availability");
            var activity = await database.ScalarAsync("SELECT MIN(activity_id) FROM booking_slots");
            var catalogue = await ReadAsync(TimeSpan.FromSeconds(Math.Min(o.Seconds, 10)), ct => schedule.AvailabilityAsync(ct));
            var slots = await ReadAsync(TimeSpan.FromSeconds(Math.Min(o.Seconds, 10)), ct => schedule.UpcomingAsync(activity, 20, openOnly: true, ct: ct));
            report.Latency("catalogue_availability", catalogue);
            report.Latency("activity_next_slots", slots);

            report.Section("Checks");
            var over = await database.ScalarAsync("SELECT COUNT(*) FROM booking_slots WHERE held + confirmed > capacity");
            var drift = await database.ScalarAsync(
                """
                SELECT COUNT(*) FROM booking_slots s
                WHERE s.held <> (SELECT COALESCE(SUM(b.party_size), 0) FROM booking_bookings b WHERE b.slot_id = s.id AND b.state = 'pending')
                """);
            var stored = await database.ScalarAsync("SELECT COUNT(*) FROM booking_bookings");
            report.Row("slots_over_capacity", over.ToString(CultureInfo.InvariantCulture));
            report.Row("slots_whose_seats_differ_from_their_bookings", drift.ToString(CultureInfo.InvariantCulture));
            report.Row("bookings_stored_vs_granted", $"{stored} / {holds.GrantedAll}");
            var pass = over == 0 && drift == 0 && stored == holds.GrantedAll;
            report.Row("result", pass ? "PASS" : "FAIL");
            report.Print(Console.Out);
            // The stable summary scripts read (docs/reference.md), as the other scenarios print theirs.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"SCENARIO booking {(pass ? "PASS" : "FAIL")} db={o.Db} holds_granted_per_s={holds.Granted / o.Seconds:0.0} holds_refused={holds.Refused} hold_p99_ms={holds.Latency.PercentileMs(99):0.00} catalogue_p99_ms={catalogue.PercentileMs(99):0.00} activity_slots_p99_ms={slots.PercentileMs(99):0.00} over_capacity={over} counter_drift={drift} stored={stored} granted={holds.GrantedAll}"));
            return pass ? 0 : 1;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>The activities and their slots in two statements (the slots from a recursive series, the same SQL on both databases); returns the hot slots' ids.</summary>
    private static async Task<long[]> SeedAsync(BenchDatabase database)
    {
        var now = TimeProvider.System.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var activities = Enumerable.Range(1, Activities).Select(i => new
        {
            slug = $"bench-{i:000}",
            name = $"Bench activity {i}",
            category = (i % 5) switch { 0 => "water", 1 => "land", 2 => "wellness", 3 => "kids", _ => "culture" },
            now = nowMs,
        });
        await using var c = await database.OpenAsync();
        await c.ExecuteAsync(
            """
            INSERT INTO booking_activities (slug, name, description, category, price_cents, currency, duration_minutes, meeting_point, default_capacity, created_at, updated_at)
            VALUES (@slug, @name, 'A bench activity.', @category, 2500, 'USD', 60, 'Lobby', 10, @now, @now)
            """, activities);
        // Hourly slots from tomorrow on: slot n of each activity starts n hours after the first.
        var first = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1).AddHours(8), TimeSpan.Zero).ToUnixTimeMilliseconds();
        await c.ExecuteAsync(
            $"""
            INSERT INTO booking_slots (activity_id, starts_at, ends_at, capacity, created_at)
            SELECT a.id, @first + CAST(g.n AS BIGINT) * 3600000, @first + CAST(g.n AS BIGINT) * 3600000 + 3600000, {Capacity}, @now
            FROM booking_activities a
            CROSS JOIN (WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < {SlotsPerActivity - 1}) SELECT n FROM s) g
            WHERE a.slug LIKE 'bench-%'
            """, new { first, now = nowMs });
        await c.ExecuteAsync(new CommandDefinition("ANALYZE", commandType: System.Data.CommandType.Text));
        return (await database.QueryAsync<long>($"SELECT id FROM booking_slots ORDER BY starts_at, activity_id LIMIT {HotSlots}")).ToArray();
    }

    private sealed record HoldFigures(long Asked, long Granted, long GrantedAll, long Refused, LatencyHistogram Latency);

    /// <summary>Closed loop: each caller asks for its next hold as soon as the last is answered; counted after the warm-up.</summary>
    private static async Task<HoldFigures> HoldAsync(BookingLedger ledger, long[] hot, BenchOptions o)
    {
        var latency = new LatencyHistogram();
        long asked = 0, granted = 0, grantedAll = 0, refused = 0;
        var clock = Stopwatch.StartNew();
        var measureFrom = TimeSpan.FromSeconds(o.Warmup);
        var end = measureFrom + TimeSpan.FromSeconds(o.Seconds);
        var callers = Enumerable.Range(0, o.Callers).Select(caller => Task.Run(async () =>
        {
            var random = new Random(caller);
            for (var n = 0; clock.Elapsed < end; n++)
            {
                var phone = "+1555" + (2_000_000 + (caller * 10_000) + (n % 10_000)).ToString("0000000", CultureInfo.InvariantCulture);
                var request = new HoldRequest(phone, hot[random.Next(hot.Length)], random.Next(1, 5));
                var started = Stopwatch.GetTimestamp();
                var result = await ledger.HoldAsync(request);
                var measured = clock.Elapsed >= measureFrom;
                if (result.Ok)
                {
                    Interlocked.Increment(ref grantedAll);
                }

                if (!measured)
                {
                    continue;
                }

                latency.Record(Stopwatch.GetElapsedTime(started));
                Interlocked.Increment(ref asked);
                if (result.Ok)
                {
                    Interlocked.Increment(ref granted);
                }
                else
                {
                    Interlocked.Increment(ref refused);
                }
            }
        })).ToArray();
        await Task.WhenAll(callers);
        return new HoldFigures(asked, granted, grantedAll, refused, latency);
    }

    private static async Task<LatencyHistogram> ReadAsync<T>(TimeSpan duration, Func<CancellationToken, Task<T>> read)
    {
        var latency = new LatencyHistogram();
        await read(CancellationToken.None); // warm
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var started = Stopwatch.GetTimestamp();
            await read(CancellationToken.None);
            latency.Record(Stopwatch.GetElapsedTime(started));
        }

        return latency;
    }
}
