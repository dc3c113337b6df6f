using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Parley.Booking.Model;
using Parley.Booking.Store;
using Parley.Core.Storage;

namespace Parley.Booking.Tests;

/// <summary>The guest web app in a real browser: sign in with a WhatsApp code, browse, book, confirm, WhatsApp confirmation, cancel; and the refusals past the deadlines (fake clock).</summary>
public sealed partial class GuestWebAppTests
{
    private const string Guest = "+15550003333";

    [GeneratedRegex(@"\b(\d{6})\b")]
    private static partial Regex SixDigits();

    [BrowserFact]
    public async Task SignIn_Browse_Book_Confirm_WhatsAppConfirmation_Cancel_AndRefusalsPastTheDeadlines()
    {
        var clock = new ShiftedClock();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, kestrel: true, services: s => s.AddSingleton<TimeProvider>(clock));
        var resort = app.SandboxFor("resort");
        var snorkel = (await app.Get<ActivityCatalog>().FindBySlugAsync("reef-snorkel"))!;

        // The guest has written to the resort on WhatsApp (so the number is known, and the 24-hour window is open).
        await resort.SendAsync(Guest, "hello");
        await resort.WaitForRepliesAsync(Guest, 1);

        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });

        // Browse: activities with images and live availability.
        await page.GotoAsync(Url(app, "/book"));
        await page.Locator("[data-testid=activities] img").First.WaitForAsync();
        (await page.Locator("[data-testid=activities] li").CountAsync()).ShouldBe(10);
        await Browser.ScreenshotAsync(page, "book-activities");
        await page.ClickAsync("[data-testid=activity-reef-snorkel]");
        await page.Locator("h1", new() { HasText = "Reef snorkel" }).WaitForAsync();

        // Booking needs a sign-in: the code goes to the guest's WhatsApp (the sandbox phone).
        var slot = await SlotAsync(app, snorkel.Id, TimeSpan.FromDays(3));
        await page.CheckAsync($"[data-testid=slot-{slot.Id}]");
        await page.FillAsync("[data-testid=party]", "2");
        await page.ClickAsync("[data-testid=hold]");
        await page.WaitForURLAsync("**/book/signin**");
        await page.FillAsync("[data-testid=phone]", Guest);
        await page.ClickAsync("[data-testid=send-code]");
        await page.Locator("[data-testid=code]").WaitForAsync();
        var withCode = await resort.WaitAsync(Guest, t => t.Any(m => m.Direction == "outbound" && SixDigits().IsMatch(m.Text ?? "")));
        var code = SixDigits().Match(withCode.Last(m => m.Direction == "outbound" && SixDigits().IsMatch(m.Text ?? "")).Text!).Groups[1].Value;
        await page.FillAsync("[data-testid=code]", code);
        await page.ClickAsync("[data-testid=verify]");
        await page.WaitForURLAsync($"**/book/activities/{snorkel.Id}");

        // Book: a pending hold with its deadline and countdown.
        await page.CheckAsync($"[data-testid=slot-{slot.Id}]");
        await page.FillAsync("[data-testid=party]", "2");
        await page.ClickAsync("[data-testid=hold]");
        await page.WaitForURLAsync("**/book/bookings/R*");
        (await page.Locator("[data-testid=state]").InnerTextAsync()).ShouldBe("Waiting for your confirmation");
        var reference = await page.Locator("[data-testid=reference]").InnerTextAsync();
        (await app.Get<BookingLedger>().SlotAsync(slot.Id))!.Held.ShouldBe(2);
        await Browser.ScreenshotAsync(page, "book-pending");

        // Confirm: the seats move to confirmed and the guest gets the WhatsApp confirmation.
        await page.ClickAsync("[data-testid=confirm]");
        await page.Locator("[data-testid=booking-notice]", new() { HasText = "Confirmed" }).WaitForAsync();
        (await page.Locator("[data-testid=state]").InnerTextAsync()).ShouldBe("Confirmed");
        await resort.WaitAsync(Guest, t => t.Any(m => m.Direction == "outbound" && (m.Text ?? "").Contains($"Booking {reference} is confirmed", StringComparison.Ordinal)));
        var counters = (await app.Get<BookingLedger>().SlotAsync(slot.Id))!;
        (counters.Held, counters.Confirmed).ShouldBe((0, 2));
        await Browser.ScreenshotAsync(page, "book-confirmed");

        // Cancel (more than 24 hours before): the reason is shown after.
        await page.FillAsync("[data-testid=reason]", "change of plans");
        await page.ClickAsync("[data-testid=cancel]");
        await page.Locator("[data-testid=state]", new() { HasText = "Cancelled" }).WaitForAsync();
        (await page.Locator("[data-testid=cancel-reason]").InnerTextAsync()).ShouldContain("by you: change of plans");
        (await app.Get<BookingLedger>().SlotAsync(slot.Id))!.Confirmed.ShouldBe(0);

        // Another booking, confirmed, then the clock passes the cancellation deadline: the button explains why not.
        await page.GotoAsync(Url(app, $"/book/activities/{snorkel.Id}"));
        await page.CheckAsync($"[data-testid=slot-{slot.Id}]");
        await page.FillAsync("[data-testid=party]", "1");
        await page.ClickAsync("[data-testid=hold]");
        await page.WaitForURLAsync("**/book/bookings/R*");
        await page.ClickAsync("[data-testid=confirm]");
        await page.Locator("[data-testid=booking-notice]", new() { HasText = "Confirmed" }).WaitForAsync();
        (await page.Locator("[data-testid=cancel]").CountAsync()).ShouldBe(1);
        clock.Advance(slot.StartsAt - TimeSpan.FromHours(23) - clock.GetUtcNow());
        await page.ReloadAsync();
        await page.Locator("[data-testid=cancel-disabled]").WaitForAsync();
        (await page.Locator("[data-testid=cancel-disabled]").IsDisabledAsync()).ShouldBeTrue();
        (await page.Locator("[data-testid=why-not]").InnerTextAsync()).ShouldContain("Cancellations close 24 hours before the activity");
        (await page.Locator("[data-testid=cancel]").CountAsync()).ShouldBe(0);
        (await page.Locator("[data-testid=state]").InnerTextAsync()).ShouldBe("Confirmed");
        await Browser.ScreenshotAsync(page, "book-cancel-closed");

        // A hold confirmed after its deadline: refused with what to do, and the seats are free.
        var later = await SlotAsync(app, snorkel.Id, TimeSpan.FromDays(3));
        await page.GotoAsync(Url(app, $"/book/activities/{snorkel.Id}"));
        await page.CheckAsync($"[data-testid=slot-{later.Id}]");
        await page.FillAsync("[data-testid=party]", "3");
        await page.ClickAsync("[data-testid=hold]");
        await page.WaitForURLAsync("**/book/bookings/R*");
        clock.Advance(TimeSpan.FromMinutes(31));
        await page.ClickAsync("[data-testid=confirm]");
        (await page.Locator("[data-testid=booking-error]").InnerTextAsync()).ShouldContain("has expired");
        (await app.Get<BookingLedger>().SlotAsync(later.Id))!.Held.ShouldBe(0);

        // My bookings lists them all; log out ends the session.
        await page.GotoAsync(Url(app, "/book/bookings"));
        (await page.Locator("[data-testid=upcoming] li").CountAsync()).ShouldBe(1);
        (await page.Locator("[data-testid=past] li").CountAsync()).ShouldBe(2);
        await Browser.ScreenshotAsync(page, "book-my-bookings");
        await page.ClickAsync("[data-testid=logout]");
        await page.Locator("[data-testid=signin-link]").WaitForAsync();
        await page.GotoAsync(Url(app, "/book/bookings"));
        await page.WaitForURLAsync("**/book/signin**");
    }

    /// <summary>An open slot of the activity starting at least <paramref name="after"/> from now, with seats.</summary>
    private static async Task<TimeSlot> SlotAsync(TestApp app, long activityId, TimeSpan after)
    {
        var now = app.Get<TimeProvider>().GetUtcNow();
        return (await app.Get<SlotSchedule>().UpcomingAsync(activityId, 100, openOnly: true)).First(s => s.StartsAt > now + after && s.Available >= 3);
    }

    private static string Url(TestApp app, string path) => new Uri(app.BaseUrl, path).ToString();
}
