namespace Parley.Tests.Web;

/// <summary>The sandbox chat page in a real browser (Debian's chromium driven by Playwright).</summary>
public sealed class SandboxPageTests
{
    [BrowserFact]
    public async Task Chat_HelpMenuListAndButtons_WorkAndTicksReachRead()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, kestrel: true);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var consoleErrors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                consoleErrors.Add(m.Text);
            }
        };

        await page.GotoAsync(new Uri(app.BaseUrl, "/sandbox?account=echo&contact=%2B15550001111&name=Ana").ToString());
        await page.FillAsync("[data-testid=message-input]", "help");
        await page.PressAsync("[data-testid=message-input]", "Enter");

        var menu = page.Locator("[data-testid=message][data-direction=outbound][data-type=interactive]").Last;
        await menu.Locator("[data-testid=list-open]").ClickAsync();
        await page.Locator("[data-testid=list-row][data-row-id=buttons]").ClickAsync();

        await page.Locator("[data-testid=reply-button][data-reply-id=yes]").ClickAsync();
        await page.Locator("[data-testid=message][data-direction=outbound] [data-testid=message-text]", new() { HasText = "👍" }).WaitForAsync();

        // The simulated phone reports delivered, then read: the ticks turn blue without a reload.
        await page.Locator("[data-testid=message][data-direction=outbound][data-status=read]").First.WaitForAsync();
        await Browser.ScreenshotAsync(page, "sandbox-chat");

        var thread = await app.SandboxFor("echo").ThreadAsync("+15550001111");
        thread.Where(m => m.Direction == "inbound").Select(m => m.Reply?.Id ?? m.Text).ShouldBe(["help", "buttons", "yes"]);
        consoleErrors.ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task PhoneSizedScreen_ShowsTheComposer()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, kestrel: true);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });

        await page.GotoAsync(new Uri(app.BaseUrl, "/sandbox?contact=%2B15550004444&name=Bo").ToString());
        await page.FillAsync("[data-testid=message-input]", "hola");
        await page.ClickAsync("[data-testid=send-button]");
        await page.Locator("[data-testid=message][data-direction=outbound]").First.WaitForAsync();

        (await page.Locator("[data-testid=send-button]").IsVisibleAsync()).ShouldBeTrue();
        await Browser.ScreenshotAsync(page, "sandbox-phone");
    }

    [BrowserFact]
    public async Task DefaultAccount_IsTheAssistant_AndThePickerReachesEveryBot()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Parley:Ai:BurstDelay"] = "00:00:00" }, kestrel: true);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });

        await page.GotoAsync(new Uri(app.BaseUrl, "/sandbox?contact=%2B15550005555&name=Eva").ToString());
        (await page.InputValueAsync("[data-testid=account-select]")).ShouldBe("sandbox");
        var bots = await page.Locator("[data-testid=account-select] option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        bots.ShouldBe(["sandbox", "clinic", "echo", "ministry", "resort"]);

        // The assistant answers offline from its knowledge base, quoting it.
        await page.FillAsync("[data-testid=message-input]", "How do I configure Meta?");
        await page.PressAsync("[data-testid=message-input]", "Enter");
        await page.Locator("[data-testid=message][data-direction=outbound]", new() { HasText = "knowledge base" }).WaitForAsync();
        await Browser.ScreenshotAsync(page, "sandbox-assistant");

        // Another bot, picked from the list: the ministry bot answers in Spanish.
        await page.SelectOptionAsync("[data-testid=account-select]", "ministry");
        await page.FillAsync("[data-testid=message-input]", "hola");
        await page.PressAsync("[data-testid=message-input]", "Enter");
        await page.Locator("[data-testid=message][data-direction=outbound]", new() { HasText = "Hola" }).First.WaitForAsync();
        (await app.SandboxFor("ministry").ThreadAsync("+15550005555")).ShouldContain(m => m.Direction == "inbound" && m.Text == "hola");
    }
    /// <summary>Issue 17, item 3: a sandbox that asks for access (here by its configured token) on the page itself.</summary>
    [BrowserFact]
    public async Task AProtectedSandbox_AsksForTheTokenOnce_OrLetsASignedInOperatorIn()
    {
        const string token = "a-sandbox-token-long-enough";
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Parley:Sandbox:AccessToken"] = token }, kestrel: true);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var sandbox = new Uri(app.BaseUrl, "/sandbox?account=echo&contact=%2B15550006666&name=Ivo").ToString();

        await page.GotoAsync(sandbox);
        await page.Locator("[data-testid=access-dialog]").WaitForAsync();
        await Browser.ScreenshotAsync(page, "sandbox-access");
        await page.FillAsync("[data-testid=access-token]", "not-the-token-of-this-sandbox");
        await page.ClickAsync("[data-testid=access-submit]");
        await page.Locator("[data-testid=access-error]", new() { HasText = "not this sandbox" }).WaitForAsync();
        await page.FillAsync("[data-testid=access-token]", token);
        await page.ClickAsync("[data-testid=access-submit]");
        await page.Locator("[data-testid=access-dialog]").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Hidden });
        await page.FillAsync("[data-testid=message-input]", "hello");
        await page.PressAsync("[data-testid=message-input]", "Enter");
        await page.Locator("[data-testid=message][data-direction=outbound]", new() { HasText = "You said: hello" }).WaitForAsync();

        // Once is enough: a reload asks for nothing.
        await page.ReloadAsync();
        await page.Locator("[data-testid=message][data-direction=outbound]", new() { HasText = "You said: hello" }).WaitForAsync();
        (await page.Locator("[data-testid=access-dialog]").IsVisibleAsync()).ShouldBeFalse();

        // Another browser, no token: an operator signs in and is taken back to the sandbox with a pass.
        await app.Get<Parley.Core.Operators.OperatorStore>().CreateAsync("agent@example.com", null, Parley.Core.Operators.OperatorRoles.Agent, "a long enough secret");
        var operatorPage = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await operatorPage.GotoAsync(sandbox);
        await operatorPage.Locator("[data-testid=access-dialog]").WaitForAsync();
        await operatorPage.ClickAsync("[data-testid=access-operator]");
        await operatorPage.WaitForURLAsync("**/admin/login**");
        await Parley.Tests.Admin.AdminPageTests.SignInAsync(operatorPage, "agent@example.com", "a long enough secret");
        await operatorPage.WaitForURLAsync(new Uri(app.BaseUrl, "/sandbox").ToString());
        await operatorPage.Locator("[data-testid=start-dialog]").WaitForAsync(); // the chat, asking who to play
        await Browser.ScreenshotAsync(operatorPage, "sandbox-operator-pass");
        (await operatorPage.Locator("[data-testid=access-dialog]").IsVisibleAsync()).ShouldBeFalse();
    }
}
