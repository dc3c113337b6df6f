using Parley.Core.Operators;

namespace Parley.Tests.Admin;

/// <summary>
/// Issue 17, item 2, in a real browser. Regression: after an operator was deleted, their open admin tab (a live Blazor
/// circuit, authorized once when it opened) still created a new administrator.
/// </summary>
public sealed class OperatorSessionPageTests
{
    private const string Password = "a long enough secret";

    [BrowserFact]
    public async Task DeletedOperator_TheOpenTabsNextAdminAction_IsRefused_AndTheTabSignsOut()
    {
        // A long interval: what refuses here is the check inside the action, not the periodic one.
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Parley:Admin:RevalidationInterval"] = "00:01:00" }, kestrel: true);
        var store = app.Get<OperatorStore>();
        var mallory = await store.CreateAsync("mallory@example.com", "Mallory", OperatorRoles.Admin, Password);
        await store.CreateAsync("ana@example.com", "Ana", OperatorRoles.Admin, Password);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await page.GotoAsync(AdminPageTests.Url(app, "/admin/operators"));
        await AdminPageTests.SignInAsync(page, mallory.Email, Password);
        await page.Locator("[data-testid=new-operator][data-interactive=true]").WaitForAsync();

        // Another administrator removes Mallory while her tab is open; she then tries to create an administrator.
        await store.DeleteAsync(mallory.Id);
        await page.FillAsync("[data-testid=new-operator-email]", "eve@example.com");
        await page.SelectOptionAsync("[data-testid=new-operator-role]", OperatorRoles.Admin);
        await page.FillAsync("[data-testid=new-operator-password]", "eve's long password");
        await page.ClickAsync("[data-testid=new-operator-add]");

        await page.WaitForURLAsync("**/admin/login**");
        (await store.FindByEmailAsync("eve@example.com")).ShouldBeNull();
        (await store.ListAsync()).Select(o => o.Email).ShouldBe(["ana@example.com"]);

        // The cookie is gone for good: the admin asks for a sign-in again.
        await page.GotoAsync(AdminPageTests.Url(app, "/admin/operators"));
        await page.WaitForURLAsync("**/admin/login**");
    }

    [BrowserFact]
    public async Task DemotedOperator_TheOpenTabSignsOut_WithinTheRevalidationInterval()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Parley:Admin:RevalidationInterval"] = "00:00:02" }, kestrel: true);
        var store = app.Get<OperatorStore>();
        var bo = await store.CreateAsync("bo@example.com", "Bo", OperatorRoles.Admin, Password);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await page.GotoAsync(AdminPageTests.Url(app, "/admin/operators"));
        await AdminPageTests.SignInAsync(page, bo.Email, Password);
        await page.Locator("[data-testid=new-operator][data-interactive=true]").WaitForAsync();

        // Nothing is clicked: the tab's periodic check finds the session ended and goes to the sign-in page.
        await store.SetRoleAsync(bo.Id, OperatorRoles.Agent);
        await page.WaitForURLAsync("**/admin/login**", new() { Timeout = 30_000 });

        // Signed in again, Bo is an agent: the operators page is not for him.
        await AdminPageTests.SignInAsync(page, bo.Email, Password);
        await page.GotoAsync(AdminPageTests.Url(app, "/admin/operators"));
        await page.WaitForURLAsync("**/admin/denied**");
    }

    [BrowserFact]
    public async Task SignOutEverywhere_EndsTheOperatorsOtherBrowsers()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, kestrel: true);
        var cy = await app.Get<OperatorStore>().CreateAsync("cy@example.com", "Cy", OperatorRoles.Agent, Password);
        await using var browser = await Browser.LaunchAsync();
        var laptop = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var phone = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } }); // its own cookies
        foreach (var page in new[] { laptop, phone })
        {
            await page.GotoAsync(AdminPageTests.Url(app, "/admin/"));
            await AdminPageTests.SignInAsync(page, cy.Email, Password);
            await page.Locator("[data-testid=operator-name]").WaitForAsync();
        }

        await laptop.ClickAsync("[data-testid=signout-everywhere]");
        await laptop.WaitForURLAsync("**/admin/login**");

        await phone.GotoAsync(AdminPageTests.Url(app, "/admin/conversations"));
        await phone.WaitForURLAsync("**/admin/login**");
    }
}
