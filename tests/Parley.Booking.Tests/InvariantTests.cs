using Microsoft.Extensions.DependencyInjection;
using Parley.Booking.Model;
using Parley.Booking.Store;
using Parley.Core.Storage;

namespace Parley.Booking.Tests;

/// <summary>
/// THE INVARIANT: seats held plus confirmed never exceed a slot's capacity, under any concurrency, on both databases and
/// across instances; and a confirmation racing the expiry of the same hold has exactly one winner.
/// </summary>
public sealed class InvariantTests
{
    [Theory, SqliteData, PostgresData]
    public async Task FiftyParallelHolds_AtATenSeatSlot_GrantExactlyTheSeatsThere(DatabaseKind kind)
    {
        await using var h = await BookingHarness.StartAsync(kind);
        var slot = await h.SlotAsync(capacity: 10);
        // On PostgreSQL the holds come from two instances (two pools, as two processes); SQLite is one file per host.
        var ledgers = kind == DatabaseKind.Postgres
            ? [h.Get<BookingLedger>(), h.Instance().GetRequiredService<BookingLedger>()]
            : new[] { h.Get<BookingLedger>() };
        var random = new Random(14);
        var sizes = Enumerable.Range(0, 50).Select(_ => random.Next(1, 4)).ToList();

        using var start = new SemaphoreSlim(0);
        var holds = sizes.Select((size, i) => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await ledgers[i % ledgers.Length].HoldAsync(new HoldRequest($"+1555000{i:0000}", slot.Id, size));
        })).ToList();
        start.Release(holds.Count);
        var results = await Task.WhenAll(holds);

        var granted = results.Where(r => r.Ok).Sum(r => r.Booking!.PartySize);
        var after = (await h.Get<BookingLedger>().SlotAsync(slot.Id))!;
        after.Held.ShouldBe(granted);
        granted.ShouldBeLessThanOrEqualTo(10);
        results.Where(r => !r.Ok).ShouldAllBe(r => r.Error!.Code == BookingError.SlotFull);
        // Exactly the seats available were granted: every refused hold asked for more than was left at the end.
        var left = 10 - granted;
        results.Count(r => !r.Ok).ShouldBeGreaterThan(0);
        sizes.Where((s, i) => !results[i].Ok).ShouldAllBe(s => s > left);
        (await h.Get<BookingQueries>().ListAsync(new BookingFilter { State = BookingState.Pending })).Sum(b => b.PartySize).ShouldBe(granted);
    }

    [Theory, SqliteData, PostgresData]
    public async Task ConfirmRacingExpiry_ExactlyOneWins(DatabaseKind kind)
    {
        await using var h = await BookingHarness.StartAsync(kind);
        var slot = await h.SlotAsync(capacity: 10);
        var bookings = new List<Model.Booking>();
        for (var i = 0; i < 10; i++)
        {
            bookings.Add((await h.Get<BookingLedger>().HoldAsync(new HoldRequest($"+1555000{i:0000}", slot.Id, 1))).Booking!);
        }

        // Two instances whose clocks straddle the deadline: for the confirming one the holds are still in time, for the
        // expiring one they are due. Both conditions hold; only the conditional change of 'pending' decides.
        var deadline = bookings[0].HoldExpiresAt;
        var confirmer = h.Instance(time: new FakeTimeProvider(deadline - TimeSpan.FromMilliseconds(1))).GetRequiredService<BookingLedger>();
        var expirer = h.Instance(time: new FakeTimeProvider(deadline + TimeSpan.FromMilliseconds(1))).GetRequiredService<BookingLedger>();
        using var start = new SemaphoreSlim(0);
        var confirms = bookings.Select(b => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await confirmer.ConfirmAsync(b.Reference, b.Phone, BookingActor.Guest);
        })).ToList();
        var expiry = Task.Run(async () =>
        {
            await start.WaitAsync();
            return await expirer.ExpireDueAsync();
        });
        start.Release(confirms.Count + 1);
        var results = await Task.WhenAll(confirms);
        var expired = (await expiry).Select(e => e.Id).ToHashSet();

        foreach (var (b, r) in bookings.Zip(results))
        {
            var final = (await h.Get<BookingLedger>().FindByIdAsync(b.Id))!;
            // Exactly one winner per booking: the confirmation, or the expiry (never both, never neither).
            (r.Ok ^ expired.Contains(b.Id)).ShouldBeTrue($"{b.Reference}: confirm {(r.Ok ? "won" : "lost")}, expiry {(expired.Contains(b.Id) ? "won" : "lost")}");
            final.State.ShouldBe(r.Ok ? BookingState.Confirmed : BookingState.Expired);
            if (!r.Ok)
            {
                r.Error!.Code.ShouldBe(BookingError.HoldExpired);
            }

            (await h.Get<BookingQueries>().HistoryAsync(b.Id)).Count(e => e.FromState == BookingState.Pending).ShouldBe(1);
        }

        var counters = (await h.Get<BookingLedger>().SlotAsync(slot.Id))!;
        (counters.Held, counters.Confirmed).ShouldBe((0, results.Count(r => r.Ok)));
    }
}
