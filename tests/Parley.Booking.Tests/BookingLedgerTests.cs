using Parley.Booking.Model;
using Parley.Booking.Store;
using Parley.Core.Storage;

namespace Parley.Booking.Tests;

/// <summary>The state machine: pending → confirmed | expired | cancelled, confirmed → cancelled | completed, and bad input refused with nothing changed.</summary>
public sealed class BookingLedgerTests
{
    private const string Ana = "+15550001111";
    private const string Ben = "+15550002222";

    [Theory, SqliteData, PostgresData]
    public async Task Hold_TakesSeats_ConfirmMovesThemFromHeldToConfirmed(DatabaseKind kind)
    {
        await using var h = await BookingHarness.StartAsync(kind);
        var slot = await h.SlotAsync(capacity: 10);
        var ledger = h.Get<BookingLedger>();

        var held = await ledger.HoldAsync(new HoldRequest(Ana, slot.Id, 3));

        held.Ok.ShouldBeTrue();
        held.Booking!.State.ShouldBe(BookingState.Pending);
        held.Booking.TotalCents.ShouldBe(13500);
        held.Booking.HoldExpiresAt.ShouldBe(h.Time.GetUtcNow() + TimeSpan.FromMinutes(30));
        (await ledger.SlotAsync(slot.Id))!.Held.ShouldBe(3);

        var confirmed = await ledger.ConfirmAsync(held.Booking.Reference, Ana, BookingActor.Guest);

        confirmed.Booking!.State.ShouldBe(BookingState.Confirmed);
        var after = (await ledger.SlotAsync(slot.Id))!;
        (after.Held, after.Confirmed, after.Available).ShouldBe((0, 3, 7));
        (await h.Get<BookingQueries>().HistoryAsync(held.Booking.Id)).Select(e => e.ToState).ShouldBe([BookingState.Pending, BookingState.Confirmed]);
    }

    [Theory, SqliteData, PostgresData]
    public async Task BadHolds_AreRefusedWithAReason_AndChangeNothing(DatabaseKind kind)
    {
        await using var h = await BookingHarness.StartAsync(kind);
        var slot = await h.SlotAsync(capacity: 4);
        var ledger = h.Get<BookingLedger>();

        (await ledger.HoldAsync(new HoldRequest(Ana, slot.Id, 0))).Error!.Code.ShouldBe(BookingError.PartySize);
        (await ledger.HoldAsync(new HoldRequest(Ana, slot.Id, -2))).Error!.Status.ShouldBe(400);
        (await ledger.HoldAsync(new HoldRequest(Ana, slot.Id, 5))).Error!.Code.ShouldBe(BookingError.PartySize);
        (await ledger.HoldAsync(new HoldRequest(Ana, 999_999, 1))).Error!.Status.ShouldBe(404);
        (await ledger.HoldAsync(new HoldRequest(Ana, slot.Id, 3))).Ok.ShouldBeTrue();
        var full = await ledger.HoldAsync(new HoldRequest(Ben, slot.Id, 2));
        full.Error!.Code.ShouldBe(BookingError.SlotFull);
        full.Error.Message.ShouldContain("Only 1 seat left");

        await h.Get<SlotSchedule>().SetStateAsync(slot.Id, SlotState.Closed);
        (await ledger.HoldAsync(new HoldRequest(Ben, slot.Id, 1))).Error!.Code.ShouldBe(BookingError.SlotClosed);
        await h.Get<SlotSchedule>().SetStateAsync(slot.Id, SlotState.Open);

        h.Time.Advance(TimeSpan.FromDays(3));
        (await ledger.HoldAsync(new HoldRequest(Ben, slot.Id, 1))).Error!.Code.ShouldBe(BookingError.SlotPast);
        (await ledger.SlotAsync(slot.Id))!.Held.ShouldBe(3);
        (await h.Get<BookingQueries>().ListAsync(new BookingFilter())).Count.ShouldBe(1);
    }

    [Theory, SqliteData, PostgresData]
    public async Task ConfirmAfterTheDeadline_Is409_AndTheSeatsAreFreeAtOnce(DatabaseKind kind)
    {
        await using var h = await BookingHarness.StartAsync(kind);
        var slot = await h.SlotAsync(capacity: 10);
        var ledger = h.Get<BookingLedger>();
        var held = (await ledger.HoldAsync(new HoldRequest(Ana, slot.Id, 2))).Booking!;

        h.Time.Advance(TimeSpan.FromMinutes(31));
        var late = await ledger.ConfirmAsync(held.Reference, Ana, BookingActor.Guest);

        late.Error!.Code.ShouldBe(BookingError.HoldExpired);
        late.Error.Status.ShouldBe(409);
        late.Error.Message.ShouldContain("Book the slot again");
        (await ledger.FindByIdAsync(held.Id))!.State.ShouldBe(BookingState.Expired);
        (await ledger.SlotAsync(slot.Id))!.Available.ShouldBe(10);
    }

    [Theory, SqliteData, PostgresData]
    public async Task ExpiryJob_ExpiresOnlyDueHolds(DatabaseKind kind)
    {
        await using var h = await BookingHarness.StartAsync(kind);
        var slot = await h.SlotAsync(capacity: 10);
        var ledger = h.Get<BookingLedger>();
        var first = (await ledger.HoldAsync(new HoldRequest(Ana, slot.Id, 2))).Booking!;
        h.Time.Advance(TimeSpan.FromMinutes(20));
        var second = (await ledger.HoldAsync(new HoldRequest(Ben, slot.Id, 1))).Booking!;
        h.Time.Advance(TimeSpan.FromMinutes(11));

        var expired = await ledger.ExpireDueAsync();

        expired.Select(b => b.Reference).ShouldBe([first.Reference]);
        (await ledger.FindByIdAsync(second.Id))!.State.ShouldBe(BookingState.Pending);
        (await ledger.SlotAsync(slot.Id))!.Held.ShouldBe(1);
        (await ledger.ExpireDueAsync()).ShouldBeEmpty();
    }

    [Theory, SqliteData, PostgresData]
    public async Task Cancel_AllowedUntilTheDeadline_RefusedAfter_AnotherGuestsReferenceIsNotFound(DatabaseKind kind)
    {
        await using var h = await BookingHarness.StartAsync(kind);
        var slot = await h.SlotAsync(capacity: 10, startsIn: TimeSpan.FromDays(3));
        var ledger = h.Get<BookingLedger>();
        var a = (await ledger.HoldAsync(new HoldRequest(Ana, slot.Id, 2))).Booking!;
        var b = (await ledger.HoldAsync(new HoldRequest(Ana, slot.Id, 1))).Booking!;
        await ledger.ConfirmAsync(a.Reference, Ana, BookingActor.Guest);
        await ledger.ConfirmAsync(b.Reference, Ana, BookingActor.Guest);

        (await ledger.CancelAsync(a.Reference, Ben, BookingActor.Guest, "mine now")).Error!.Status.ShouldBe(404);
        var cancelled = await ledger.CancelAsync(a.Reference.ToLowerInvariant(), Ana, BookingActor.Guest, "plans changed");
        cancelled.Booking!.State.ShouldBe(BookingState.Cancelled);
        cancelled.Booking.ChangeReason.ShouldBe("plans changed");

        h.Time.Advance(TimeSpan.FromDays(2.5));
        var late = await ledger.CancelAsync(b.Reference, Ana, BookingActor.Guest, null);
        late.Error!.Code.ShouldBe(BookingError.CancelDeadline);
        late.Error.Status.ShouldBe(409);
        (await ledger.FindByIdAsync(b.Id))!.State.ShouldBe(BookingState.Confirmed);

        // An operator may still cancel (the guest is told).
        (await ledger.CancelAsync(b.Reference, null, BookingActor.Operator("maria"), "storm", force: true)).Booking!.State.ShouldBe(BookingState.Cancelled);
        (await ledger.SlotAsync(slot.Id))!.Available.ShouldBe(10);
        (await ledger.CancelAsync(b.Reference, null, BookingActor.Operator("maria"), "again", force: true)).Error!.Code.ShouldBe(BookingError.Final);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Completion_AfterTheActivityEnds(DatabaseKind kind)
    {
        await using var h = await BookingHarness.StartAsync(kind);
        var slot = await h.SlotAsync(capacity: 10, startsIn: TimeSpan.FromHours(5));
        var ledger = h.Get<BookingLedger>();
        var a = (await ledger.HoldAsync(new HoldRequest(Ana, slot.Id, 2))).Booking!;
        await ledger.ConfirmAsync(a.Reference, Ana, BookingActor.Guest);

        h.Time.Advance(TimeSpan.FromHours(6));
        (await ledger.CompleteDueAsync()).ShouldBeEmpty();
        h.Time.Advance(TimeSpan.FromHours(1.1));
        (await ledger.CompleteDueAsync()).Single().Reference.ShouldBe(a.Reference);
        (await ledger.FindByIdAsync(a.Id))!.State.ShouldBe(BookingState.Completed);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Capacity_CannotShrinkBelowTheSeatsTaken(DatabaseKind kind)
    {
        await using var h = await BookingHarness.StartAsync(kind);
        var slot = await h.SlotAsync(capacity: 10);
        await h.Get<BookingLedger>().HoldAsync(new HoldRequest(Ana, slot.Id, 6));

        (await h.Get<SlotSchedule>().SetCapacityAsync(slot.Id, 5)).ShouldBeFalse();
        (await h.Get<SlotSchedule>().SetCapacityAsync(slot.Id, 6)).ShouldBeTrue();
        (await h.Get<BookingLedger>().SlotAsync(slot.Id))!.Available.ShouldBe(0);
    }
}
