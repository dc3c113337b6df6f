using Parley.Booking.Admin;
using Parley.Booking.Store;
using Parley.Core.Storage;

namespace Parley.Booking.Tests.Admin;

/// <summary>The admin's recurring slot generator: the preview counts what would be new, the cap refuses thousands by mistake, bad input says what is wrong.</summary>
public sealed class SlotGeneratorTests
{
    // The harness's clock starts on Monday 2026-01-05 at 12:00 UTC (the resort's zone is UTC here).

    [Theory, SqliteData, PostgresData]
    public async Task ThePreview_CountsTheNewSlots_AndGenerateCreatesExactlyThose(DatabaseKind kind)
    {
        await using var h = await BookingHarness.StartAsync(kind);
        var slot = await h.SlotAsync(capacity: 6);
        var generator = h.Get<SlotGenerator>();
        var form = new SlotGeneratorForm { Days = [DayOfWeek.Monday, DayOfWeek.Wednesday], Times = "15:00, 9:00", Weeks = 2, Capacity = 12 };

        // Mon 5 (09:00 has passed), Wed 7, Mon 12, Wed 14, each at 09:00 and 15:00: 7.
        var preview = await generator.PreviewAsync(slot.ActivityId, form);

        preview.Ok.ShouldBeTrue();
        (preview.Starts.Count, preview.New, preview.Existing).ShouldBe((7, 7, 0));
        preview.Starts[0].ShouldBe(new DateTimeOffset(2026, 1, 5, 15, 0, 0, TimeSpan.Zero));
        preview.Starts[^1].ShouldBe(new DateTimeOffset(2026, 1, 14, 15, 0, 0, TimeSpan.Zero));
        (await h.Get<SlotSchedule>().UpcomingAsync(slot.ActivityId)).Count.ShouldBe(1, "a preview creates nothing");

        var made = await generator.GenerateAsync(slot.ActivityId, form);
        made.Created.ShouldBe(7);
        var slots = await h.Get<SlotSchedule>().UpcomingAsync(slot.ActivityId);
        slots.Count.ShouldBe(8);
        slots.Where(s => s.Id != slot.Id).ShouldAllBe(s => s.Capacity == 12 && s.EndsAt - s.StartsAt == TimeSpan.FromMinutes(120));

        // Adding Fridays: only the four Friday slots are new; the others stay as they are.
        form.Days.Add(DayOfWeek.Friday);
        var again = await generator.PreviewAsync(slot.ActivityId, form);
        (again.New, again.Existing).ShouldBe((4, 7));
        (await generator.GenerateAsync(slot.ActivityId, form)).Created.ShouldBe(4);
    }

    [Theory, SqliteData, PostgresData]
    public async Task APlanAboveTheCap_IsRefusedInThePreview_AndCreatesNothing(DatabaseKind kind)
    {
        await using var h = await BookingHarness.StartAsync(kind, new Dictionary<string, string?> { ["Parley:Booking:MaxGeneratedSlots"] = "20" });
        var slot = await h.SlotAsync();
        var generator = h.Get<SlotGenerator>();
        var everyDay = new SlotGeneratorForm { Days = [.. Enum.GetValues<DayOfWeek>()], Times = "08:00,10:00,14:00,16:00", Weeks = 2 };

        var preview = await generator.PreviewAsync(slot.ActivityId, everyDay);
        var made = await generator.GenerateAsync(slot.ActivityId, everyDay);

        preview.Ok.ShouldBeFalse();
        preview.Error!.ShouldContain("more than the limit of 20");
        preview.Error!.ShouldContain("MaxGeneratedSlots");
        made.Ok.ShouldBeFalse();
        made.Created.ShouldBe(0);
        (await h.Get<SlotSchedule>().UpcomingAsync(slot.ActivityId)).Count.ShouldBe(1);

        // A whole year of every day at many times is refused before any date is counted out.
        var year = new SlotGeneratorForm { Days = [.. Enum.GetValues<DayOfWeek>()], Times = string.Join(',', Enumerable.Range(6, 14).Select(hour => $"{hour:00}:00")), Weeks = 52 };
        (await generator.PreviewAsync(slot.ActivityId, year)).Error!.ShouldContain("more than the limit of 20");
    }

    [Theory]
    [InlineData("", "09:00", 2, null, "Pick at least one day")]
    [InlineData("Monday", "9am", 2, null, "'9am' is not a time of day")]
    [InlineData("Monday", " , ", 2, null, "at least one time of day")]
    [InlineData("Monday", "09:00", 0, null, "Weeks ahead is between 1 and 52")]
    [InlineData("Monday", "09:00", 53, null, "Weeks ahead is between 1 and 52")]
    [InlineData("Monday", "09:00", 2, 0, "Seats per slot is between 1")]
    public void BadInput_IsRefusedWithWhatToFix(string days, string times, int weeks, int? capacity, string expected)
    {
        var form = new SlotGeneratorForm
        {
            Days = [.. days.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<DayOfWeek>)],
            Times = times,
            Weeks = weeks,
            Capacity = capacity,
        };

        var (plan, error) = form.ToPlan(1, new DateOnly(2026, 1, 5));

        plan.ShouldBeNull();
        error!.ShouldContain(expected);
    }

    [Fact]
    public void AGoodForm_GivesAPlanFromTodayForTheWeeksAsked()
    {
        var form = new SlotGeneratorForm { Days = [DayOfWeek.Sunday, DayOfWeek.Saturday], Times = "15:00,09:30,15:00", Weeks = 3 };

        var (plan, error) = form.ToPlan(7, new DateOnly(2026, 1, 5));

        error.ShouldBeNull();
        (plan!.ActivityId, plan.From, plan.To, plan.Capacity).ShouldBe((7L, new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 25), (int?)null));
        plan.Times.ShouldBe([new TimeOnly(9, 30), new TimeOnly(15, 0)]);
        plan.Days.ShouldBe([DayOfWeek.Sunday, DayOfWeek.Saturday]);
    }
}
