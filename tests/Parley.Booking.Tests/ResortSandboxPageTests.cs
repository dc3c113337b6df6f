using Microsoft.Playwright;
using Parley.Core.Storage;

namespace Parley.Booking.Tests;

/// <summary>The resort bot on the sandbox page, as a person tries it in a browser (and the chat's picture in docs/booking.md).</summary>
public sealed class ResortSandboxPageTests
{
    [BrowserFact]
    public async Task AGuest_AsksForIdeas_AndBrowsesTheActivities_OnTheSandboxPage()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, kestrel: true);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1100, Height = 900 } });

        await page.GotoAsync(new Uri(app.BaseUrl, "/sandbox?account=resort&contact=%2B15550004444&name=Lena").ToString());
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=account-select]')?.value === 'resort'");
        await SendAsync(page, "what can I do tomorrow with two kids?");
        await Outbound(page, "for 3 people with kids").First.WaitForAsync();

        await SendAsync(page, "I like diving");
        await Outbound(page, "you like diving").First.WaitForAsync();
        (await Outbound(page, "Discover scuba diving").CountAsync()).ShouldBeGreaterThan(0);
        await Browser.ScreenshotAsync(page, "book-chat");
    }

    private static async Task SendAsync(IPage page, string text)
    {
        await page.FillAsync("[data-testid=message-input]", text);
        await page.PressAsync("[data-testid=message-input]", "Enter");
    }

    private static ILocator Outbound(IPage page, string text) =>
        page.Locator("[data-testid=message][data-direction=outbound]", new() { HasText = text });
}
