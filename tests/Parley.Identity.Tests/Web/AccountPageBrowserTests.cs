using Microsoft.Playwright;
using Parley.Core.Conversations;
using Parley.Core.Operators;
using Parley.Core.Storage;
using Parley.Identity.Codes;
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

    [BrowserFact]
    public async Task An_admin_sees_the_session_masked_revokes_it_and_finds_it_in_the_audit_while_the_thread_shows_the_code_masked()
    {
        const string phone = "+15550002222";
        const string email = "admin@example.com";
        const string password = "correct horse battery staple";
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, kestrel: true);
        await app.Get<OperatorStore>().CreateAsync(email, "Ana Admin", OperatorRoles.Admin, password);
        await app.Sandbox.SendAsync(phone, "hola");
        await app.Sandbox.WaitAsync(phone, t => t.Any(m => m.Direction == "outbound"));
        await using var browser = await Browser.LaunchAsync();

        // A person signs in on the account page (the code read from their sandbox phone).
        var person = await browser.NewPageAsync();
        await person.GotoAsync(new Uri(app.BaseUrl, "/account").ToString());
        await person.FillAsync("#phone", phone);
        await person.ClickAsync("#send");
        await person.Locator("#code").WaitForAsync();
        var code = await IdentityApiTests.CodeFromPhoneAsync(app, phone);
        await person.FillAsync("#code", code);
        await person.ClickAsync("#verify");
        await person.Locator("#me-phone", new() { HasText = phone }).WaitForAsync();

        var admin = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await admin.GotoAsync(new Uri(app.BaseUrl, "/admin/login").ToString());
        await admin.FillAsync("[data-testid=email]", email);
        await admin.FillAsync("[data-testid=password]", password);
        await Task.WhenAll(admin.WaitForLoadStateAsync(LoadState.Load), admin.ClickAsync("[data-testid=signin]"));
        await admin.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // The conversation in the admin shows the message with the code masked.
        var conversationId = (await app.Get<ConversationQueries>().FindIdAsync("sandbox", "15550002222", default))!.Value;
        await admin.GotoAsync(new Uri(app.BaseUrl, $"/admin/conversations/{conversationId}").ToString());
        await admin.GetByText(CodeSecrets.Mask, new() { Exact = false }).First.WaitForAsync();
        (await admin.ContentAsync()).ShouldNotContain(code);

        await admin.GotoAsync(new Uri(app.BaseUrl, "/admin/sign-in/sessions").ToString());
        var session = admin.Locator("[data-testid=web-sessions] li", new() { HasText = "2222" });
        await session.WaitForAsync();
        (await session.InnerTextAsync()).ShouldNotContain("5550002222");
        await Browser.ScreenshotAsync(admin, "identity-admin-sessions");
        await session.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await admin.Locator("[role=status]", new() { HasText = "Revoked" }).WaitForAsync();

        // Revoked at once: the person's page is signed out.
        await person.ReloadAsync();
        await person.Locator("#phone-form:not([hidden])").WaitForAsync();

        await admin.GotoAsync(new Uri(app.BaseUrl, "/admin/sign-in/audit").ToString());
        var audit = admin.Locator("[data-testid=sign-in-audit]");
        await audit.WaitForAsync();
        var text = await audit.InnerTextAsync();
        text.ShouldContain("code_verified");
        text.ShouldContain("revoked");
        text.ShouldNotContain("5550002222");
        await Browser.ScreenshotAsync(admin, "identity-admin-audit");
    }
}
