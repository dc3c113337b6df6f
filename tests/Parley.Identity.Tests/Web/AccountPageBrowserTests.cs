using Parley.Core.Storage;
using Parley.Testing;

namespace Parley.Identity.Tests.Web;

public sealed class AccountPageBrowserTests
{
    [BrowserFact]
    public async Task Signing_in_on_the_account_page_with_the_code_from_the_sandbox_phone()
    {
        const string phone = "+15550001111";
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, kestrel: true);
        await using var browser = await Browser.LaunchAsync();

        // The person's simulated phone: they write first, then the code arrives there.
        var phonePage = await browser.NewPageAsync();
        await phonePage.GotoAsync(new Uri(app.BaseUrl, "/sandbox?account=sandbox&contact=%2B15550001111&name=Ana").ToString());
        await phonePage.FillAsync("[data-testid=message-input]", "hola");
        await phonePage.PressAsync("[data-testid=message-input]", "Enter");
        await app.Sandbox.WaitAsync(phone, t => t.Any(m => m.Direction == "outbound"));

        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseUrl, "/account").ToString());
        await page.FillAsync("#phone", phone);
        await page.ClickAsync("#send");
        await page.Locator("#code").WaitForAsync();

        var message = phonePage.Locator("[data-testid=message][data-direction=outbound] [data-testid=message-text]", new() { HasText = "sign-in code" });
        await message.WaitForAsync();
        var code = System.Text.RegularExpressions.Regex.Match(await message.InnerTextAsync(), @"\b(\d{6})\b").Groups[1].Value;
        code.Length.ShouldBe(6);

        await page.FillAsync("#code", code);
        await page.ClickAsync("#verify");
        await page.Locator("#me-phone", new() { HasText = phone }).WaitForAsync();
        await Browser.ScreenshotAsync(page, "identity-account-signed-in");

        // The session is an HttpOnly cookie: the page's scripts cannot read it.
        (await page.EvaluateAsync<string>("document.cookie")).ShouldNotContain("parley_session");
        var cookies = await page.Context.CookiesAsync();
        cookies.Single(c => c.Name == "parley_session").HttpOnly.ShouldBeTrue();

        await page.ClickAsync("#logout");
        await page.Locator("#phone-form:not([hidden])").WaitForAsync();
        await page.ReloadAsync();
        await page.Locator("#phone-form:not([hidden])").WaitForAsync();
    }
}
