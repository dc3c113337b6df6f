using Parley.Booking.Admin;
using Parley.Booking.Model;
using Parley.Booking.Store;
using Parley.Core.Storage;

namespace Parley.Booking.Tests.Admin;

/// <summary>An operator's bulk confirm and cancel: through the ledger (seats, history with the operator's name and reason), each guest told on WhatsApp, one refusal not stopping the others.</summary>
public sealed class BookingBulkActionsTests
{
    private const string Ana = "+15550004441";
    private const string Ben = "+15550004442";

    [Theory, SqliteData, PostgresData]
    public async Task BulkConfirm_ConfirmsThePending_TellsTheGuest_AndSaysWhyTheOthersDidNotChange(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind);
        var resort = app.SandboxFor("resort");
        var ledger = app.Get<BookingLedger>();
        var slot = await FreeSlotAsync(app);
        await resort.SendAsync(Ana, "hello");
        await resort.WaitForRepliesAsync(Ana, 1);
        var pending = (await ledger.HoldAsync(new HoldRequest(Ana, slot.Id, 2))).Booking!;
        var confirmed = (await ledger.HoldAsync(new HoldRequest(Ben, slot.Id, 1))).Booking!;
        (await ledger.ConfirmAsync(confirmed.Reference, Ben, BookingActor.Guest)).Ok.ShouldBeTrue();

        var outcomes = await app.Get<BookingBulkActions>().ConfirmAsync([pending.Reference, confirmed.Reference, "RNOSUCH"], "Olga Operator");

        outcomes.Select(o => (o.Reference, o.Changed)).ShouldBe([(pending.Reference, true), (confirmed.Reference, false), ("RNOSUCH", false)]);
        outcomes[0].Message.ShouldBe("confirmed; the guest is notified on WhatsApp.");
        outcomes[1].Message.ShouldContain("already confirmed");
        outcomes[2].Message.ShouldContain("No booking RNOSUCH");
        var counters = (await ledger.SlotAsync(slot.Id))!;
        (counters.Held, counters.Confirmed).ShouldBe((0, 3));
        var history = await app.Get<BookingQueries>().HistoryAsync(pending.Id);
        (history[^1].ToState, history[^1].Actor).ShouldBe((BookingState.Confirmed, "operator:Olga Operator"));
        await resort.WaitAsync(Ana, t => t.Any(m => m.Direction == "outbound" && (m.Text ?? "").Contains($"Booking {pending.Reference} is confirmed", StringComparison.Ordinal)));
    }

    [Theory, SqliteData, PostgresData]
    public async Task BulkCancel_NeedsAReason_ReleasesTheSeats_AndTellsEachGuestWhy(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind);
        var resort = app.SandboxFor("resort");
        var ledger = app.Get<BookingLedger>();
        var bulk = app.Get<BookingBulkActions>();
        var slot = await FreeSlotAsync(app);
        await resort.SendAsync(Ana, "hello");
        await resort.WaitForRepliesAsync(Ana, 1);
        var pending = (await ledger.HoldAsync(new HoldRequest(Ana, slot.Id, 2))).Booking!;
        var confirmed = (await ledger.HoldAsync(new HoldRequest(Ana, slot.Id, 1))).Booking!;
        await ledger.ConfirmAsync(confirmed.Reference, Ana, BookingActor.Guest);

        var withoutReason = await bulk.CancelAsync([pending.Reference, confirmed.Reference], "Olga Operator", "  ");

        withoutReason.ShouldAllBe(o => !o.Changed && o.Message.Contains("Give a reason"));
        (await ledger.SlotAsync(slot.Id))!.Available.ShouldBe(slot.Available - 3);

        var outcomes = await bulk.CancelAsync([pending.Reference, confirmed.Reference], "Olga Operator", "the boat is under repair");

        outcomes.ShouldAllBe(o => o.Changed);
        (await ledger.SlotAsync(slot.Id))!.Available.ShouldBe(slot.Available);
        var last = (await app.Get<BookingQueries>().HistoryAsync(confirmed.Id))[^1];
        (last.FromState, last.ToState, last.Actor, last.Reason).ShouldBe((BookingState.Confirmed, BookingState.Cancelled, "operator:Olga Operator", "the boat is under repair"));
        await resort.WaitAsync(Ana, t => t.Count(m => m.Direction == "outbound" && (m.Text ?? "").Contains("cancelled by the resort: the boat is under repair", StringComparison.Ordinal)) == 2);

        // Cancelled is final: a second run changes nothing and says so.
        (await bulk.CancelAsync([pending.Reference], "Olga Operator", "again")).Single().Message.ShouldContain("already cancelled");
    }

    private static async Task<TimeSlot> FreeSlotAsync(TestApp app)
    {
        var snorkel = (await app.Get<ActivityCatalog>().FindBySlugAsync("reef-snorkel"))!;
        var now = app.Get<TimeProvider>().GetUtcNow();
        return (await app.Get<SlotSchedule>().UpcomingAsync(snorkel.Id, 100, openOnly: true)).First(s => s.StartsAt > now.AddDays(2) && s.Available >= 4 && s.Held + s.Confirmed == 0);
    }
}
