using Microsoft.Playwright;
using Parley.Booking.Admin;
using Parley.Booking.Demo;
using Parley.Booking.Model;
using Parley.Booking.Store;
using Parley.Core.Operators;
using Parley.Core.Storage;

namespace Parley.Booking.Tests.Admin;

/// <summary>
/// The booking admin pages in a real browser: an operator creates an activity, uploads a picture (a non-image is refused),
/// generates slots after the preview (the cap refuses a plan too big), bulk-confirms a guest's hold and the guest's
/// WhatsApp confirmation appears in the sandbox; an agent sees guests' numbers masked and not the activity editor.
/// </summary>
public sealed class BookingAdminPagesTests
{
    private const string Email = "olga@example.test";
    private const string AgentEmail = "abel@example.test";
    private const string Password = "correct horse battery staple";
    private const string Guest = "+15550005551";

    [BrowserFact]
    public async Task AnOperator_CreatesAnActivity_WithPictureAndSlots_AndBulkConfirmsAGuestsHold()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, kestrel: true);
        await app.Get<OperatorStore>().CreateAsync(Email, "Olga Operator", OperatorRoles.Admin, Password);
        await app.Get<OperatorStore>().CreateAsync(AgentEmail, "Abel Agent", OperatorRoles.Agent, Password);
        var resort = app.SandboxFor("resort");
        await resort.SendAsync(Guest, "hello", name: "Gina Guest");
        await resort.WaitForRepliesAsync(Guest, 1);

        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await SignInAsync(page, app, "/admin/booking/activities/new", Email);

        // A new activity from the form.
        await page.Locator("[data-testid=activity-form][data-interactive=true]").WaitForAsync();
        await page.FillAsync("[data-testid=activity-name]", "Sunset kayak");
        await page.FillAsync("[data-testid=activity-category]", "water");
        await page.FillAsync("[data-testid=activity-price]", "35");
        await page.FillAsync("[data-testid=activity-currency]", "USD");
        await page.FillAsync("[data-testid=activity-duration]", "90");
        await page.FillAsync("[data-testid=activity-capacity]", "8");
        await page.FillAsync("[data-testid=activity-meeting]", "Boat house");
        await page.FillAsync("[data-testid=activity-description]", "Paddle along the bay while the sun goes down.");
        await page.ClickAsync("[data-testid=activity-save]");
        await page.Locator("[data-testid=image-file]").WaitForAsync();
        var kayak = (await app.Get<ActivityCatalog>().FindBySlugAsync("sunset-kayak")).ShouldNotBeNull();
        (kayak.PriceCents, kayak.DurationMinutes, kayak.DefaultCapacity, kayak.Source).ShouldBe((3500L, 90, 8, "admin"));

        // A file that is not an image is refused, whatever its name says; a real picture is stored with its alt text.
        await page.Locator("[data-testid=image-file]").SetInputFilesAsync(new FilePayload { Name = "sunset.png", MimeType = "image/png", Buffer = "MZ not a picture"u8.ToArray() });
        await page.ClickAsync("[data-testid=image-upload]");
        (await page.Locator("[data-testid=image-message]").InnerTextAsync()).ShouldContain("sunset.png is not an image");
        (await app.Get<ActivityCatalog>().ImagesAsync(kayak.Id)).ShouldBeEmpty();

        var png = PictureMaker.Paint(0x1e3a8a, 0xf97316, 0xfacc15, waves: true, seed: 3);
        await page.Locator("[data-testid=image-file]").SetInputFilesAsync(new FilePayload { Name = "kayaks.png", MimeType = "image/png", Buffer = png });
        await page.FillAsync("[data-testid=image-alt]", "Two kayaks on the bay at sunset");
        await page.ClickAsync("[data-testid=image-upload]");
        await page.Locator("[data-testid=image][data-primary=true] img[alt='Two kayaks on the bay at sunset']").WaitForAsync();
        (await app.Get<ActivityCatalog>().ImagesAsync(kayak.Id)).Single().MimeType.ShouldBe("image/png");
        // The picture is served to the page (from the guest web app's public images).
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=image] img')].every(i => i.complete && i.naturalWidth > 0)");
        await Browser.ScreenshotAsync(page, "booking-admin-activity");

        // Slots: a plan above the cap is refused in the preview; a reasonable one shows its count, then creates exactly that.
        await page.ClickAsync("[data-testid=activity-slots]");
        await page.WaitForURLAsync("**/slots", new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator("[data-testid=slot-generator] form[data-interactive=true]").WaitForAsync();
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            await page.CheckAsync($"[data-testid=day-{day.ToString().ToLowerInvariant()}]");
        }

        await page.FillAsync("[data-testid=slot-times]", "06:00, 07:00, 08:00, 09:00, 10:00, 11:00, 12:00, 13:00, 14:00, 15:00");
        await page.FillAsync("[data-testid=slot-weeks]", "12");
        await page.ClickAsync("[data-testid=slot-preview]");
        (await page.Locator("[data-testid=slot-preview-result]").InnerTextAsync()).ShouldContain("more than the limit of 500");
        (await page.Locator("[data-testid=slot-generate]").CountAsync()).ShouldBe(0);

        await page.FillAsync("[data-testid=slot-times]", "09:00, 16:30");
        await page.FillAsync("[data-testid=slot-weeks]", "1");
        await page.FillAsync("[data-testid=slot-capacity]", "6");
        await page.ClickAsync("[data-testid=slot-preview]");
        var expected = (await app.Get<SlotGenerator>().PreviewAsync(kayak.Id, new SlotGeneratorForm { Days = [.. Enum.GetValues<DayOfWeek>()], Times = "09:00, 16:30", Weeks = 1, Capacity = 6 })).New;
        expected.ShouldBeInRange(12, 14);
        (await page.Locator("[data-testid=slot-preview-count]").InnerTextAsync()).ShouldBe($"{expected} new slots");
        await Browser.ScreenshotAsync(page, "booking-admin-slots-preview");
        await page.ClickAsync("[data-testid=slot-generate]");
        (await page.Locator("[data-testid=slot-created]").InnerTextAsync()).ShouldBe($"Created {expected} slots.");
        await page.Locator("[data-testid=slot]").Nth(expected - 1).WaitForAsync();
        (await page.Locator("[data-testid=slot]").CountAsync()).ShouldBe(expected);
        var slots = await app.Get<SlotSchedule>().UpcomingAsync(kayak.Id);
        slots.ShouldAllBe(s => s.Capacity == 6 && s.IsOpen);

        // The guest holds seats (as the bot or the web app would); the operator sees the hold and its availability.
        var hold = await app.Get<BookingLedger>().HoldAsync(new HoldRequest(Guest, slots[0].Id, 2) { GuestName = "Gina Guest", AccountId = "resort" });
        hold.Ok.ShouldBeTrue();
        var reference = hold.Booking!.Reference;
        await app.Get<PreferenceStore>().LearnAsync(Guest, GuestPreference.CategoryKind, "water", PreferenceStore.ExplicitWeight, isExplicit: true);
        await app.Get<PreferenceStore>().UpdateGuestAsync(Guest, "Gina Guest", "en", 2);
        await page.ReloadAsync();
        await page.Locator("[data-testid=slot-generator] form[data-interactive=true]").WaitForAsync();
        var slotRow = page.Locator($"[data-testid=slot][data-slot-id='{slots[0].Id}']");
        (await slotRow.Locator("[data-testid=slot-free]").InnerTextAsync()).ShouldBe("4");

        // Fewer seats than those held are refused (the invariant); closing the slot keeps its hold.
        await slotRow.Locator("[data-testid=slot-capacity-input]").FillAsync("1");
        await slotRow.GetByRole(AriaRole.Button, new() { Name = "Save the seats" }).ClickAsync();
        await page.GetByText("keeps 6 seats: give a number from 2").WaitForAsync();
        await slotRow.Locator("[data-testid=slot-close]").ClickAsync();
        await page.Locator($"[data-testid=slot][data-slot-id='{slots[0].Id}'][data-state=closed]").WaitForAsync();
        (await app.Get<BookingLedger>().SlotAsync(slots[0].Id))!.Held.ShouldBe(2);
        await Browser.ScreenshotAsync(page, "booking-admin-slots");

        // Bulk confirm: the booking is confirmed with the operator's name in its history, and the guest is told on WhatsApp.
        await page.GotoAsync(Url(app, "/admin/booking/bookings?state=pending"));
        await page.Locator("[data-testid=bulk-actions][data-interactive=true]").WaitForAsync();
        var row = page.Locator($"[data-testid=booking][data-reference='{reference}']");
        (await row.InnerTextAsync()).ShouldContain(Guest);
        await Browser.ScreenshotAsync(page, "booking-admin-bookings");
        await row.Locator("[data-testid=select-booking]").CheckAsync();
        await page.ClickAsync("[data-testid=bulk-confirm]");
        (await page.Locator($"[data-testid=bulk-result][data-reference='{reference}']").InnerTextAsync()).ShouldContain("confirmed; the guest is notified on WhatsApp.");
        (await app.Get<BookingLedger>().FindAsync(reference, null))!.State.ShouldBe(BookingState.Confirmed);
        await resort.WaitAsync(Guest, t => t.Any(m => m.Direction == "outbound" && (m.Text ?? "").Contains($"Booking {reference} is confirmed", StringComparison.Ordinal)));

        // The filters are a plain form: any state, this guest's number.
        await page.SelectOptionAsync("#f-state", "");
        await page.FillAsync("[data-testid=filter-guest]", Guest);
        await Task.WhenAll(page.WaitForURLAsync("**/admin/booking/bookings?*guest=*"), page.ClickAsync("[data-testid=filter-apply]"));
        await page.Locator("[data-testid=bulk-actions][data-interactive=true]").WaitForAsync();
        row = page.Locator($"[data-testid=booking][data-reference='{reference}']");
        (await row.Locator("[data-testid=booking-state]").InnerTextAsync()).ShouldBe("confirmed");
        await row.Locator("[data-testid=show-history]").ClickAsync();
        (await page.Locator("[data-testid=booking-history]").InnerTextAsync()).ShouldContain("pending → confirmed by operator:Olga Operator");
        await Browser.ScreenshotAsync(page, "booking-admin-history");

        // The overview's cards and the guests' preferences.
        await page.GotoAsync(Url(app, "/admin/booking"));
        (await page.Locator("[data-testid=booking-figures]").InnerTextAsync()).ShouldContain("Occupancy, next 7 days");
        (await page.Locator("[data-testid=booking-week]").InnerTextAsync()).ShouldContain("Sunset kayak");
        await Browser.ScreenshotAsync(page, "booking-admin-overview");
        await page.GotoAsync(Url(app, "/admin/booking/guests"));
        var guestRow = page.Locator("[data-testid=guest]", new() { HasText = "Gina Guest" });
        (await guestRow.InnerTextAsync()).ShouldContain("water 3 (said)");
        (await guestRow.Locator("[data-testid=guest-number]").InnerTextAsync()).ShouldBe(Guest);
        await Browser.ScreenshotAsync(page, "booking-admin-guests");

        // An agent sees the bookings and the guests with masked numbers, and not the activity editor nor the bulk actions.
        var agent = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await SignInAsync(agent, app, "/admin/booking/guests", AgentEmail);
        (await agent.Locator("[data-testid=guest]", new() { HasText = "Gina Guest" }).Locator("[data-testid=guest-number]").InnerTextAsync()).ShouldBe("+*******5551");
        await agent.GotoAsync(Url(app, "/admin/booking/bookings"));
        (await agent.Locator($"[data-testid=booking][data-reference='{reference}']").InnerTextAsync()).ShouldContain("+*******5551");
        (await agent.Locator("[data-testid=bulk-actions]").CountAsync()).ShouldBe(0);
        await agent.GotoAsync(Url(app, "/admin/booking/activities"));
        await agent.WaitForURLAsync("**/admin/denied**");
    }

    private static async Task SignInAsync(IPage page, TestApp app, string path, string email)
    {
        await page.GotoAsync(Url(app, path));
        await page.WaitForURLAsync("**/admin/login**");
        await page.FillAsync("[data-testid=email]", email);
        await page.FillAsync("[data-testid=password]", Password);
        await Task.WhenAll(page.WaitForURLAsync("**" + path), page.ClickAsync("[data-testid=signin]"));
    }

    private static string Url(TestApp app, string path) => new Uri(app.BaseUrl, path).ToString();
}
