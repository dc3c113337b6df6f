using Microsoft.Playwright;
using Parley.Core.Inbound;
using Parley.Core.Operators;
using Parley.Core.Storage;
using Parley.Testing;

namespace Parley.Tests.Admin;

/// <summary>The admin UI in a real browser (Debian's chromium driven by Playwright), against a server on a real port.</summary>
public sealed class AdminPageTests
{
    private const string Email = "agent@example.com";
    private const string Password = "a long enough secret";

    [BrowserFact]
    public async Task SignIn_Dashboard_LiveConversation_TakeOverReplyHandBack()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, kestrel: true);
        await app.Get<OperatorStore>().CreateAsync(Email, "Ana Agent", OperatorRoles.Admin, Password);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var errors = CollectConsoleErrors(page);
        var echo = app.SandboxFor("echo"); // the echo bot: its answers are predictable

        // A contact writes first, so there is a conversation and a bot reply to look at.
        const string contact = "+15550002222";
        await echo.SendAsync(contact, "hello", name: "Lucía");
        await echo.WaitForRepliesAsync(contact, 2);

        await page.GotoAsync(Url(app, "/admin/"));
        await page.WaitForURLAsync("**/admin/login**");
        await Browser.ScreenshotAsync(page, "admin-signin");
        await SignInAsync(page, Email, Password);

        // Dashboard: today's figures count the messages just exchanged.
        await page.Locator("h1", new() { HasText = "Dashboard" }).WaitForAsync();
        (await page.Locator("[data-testid=figure-inbound] .figure-value").InnerTextAsync()).ShouldBe("1");
        (await page.Locator("[data-testid=chart-per-day] svg").CountAsync()).ShouldBe(1);
        await page.Locator("[data-testid=accounts-health]", new() { HasText = "sandbox" }).WaitForAsync();
        await Browser.ScreenshotAsync(page, "admin-dashboard");

        // Inbox → the conversation.
        await page.ClickAsync("nav >> text=Conversations");
        await page.Locator("[data-testid=inbox-item]", new() { HasText = "Lucía" }).ClickAsync();
        await page.Locator("[data-testid=message][data-direction=inbound]", new() { HasText = "hello" }).WaitForAsync();
        await page.Locator("[data-testid=conversation][data-interactive=true]").WaitForAsync(); // the live circuit is up

        // A new message appears without a reload, and so does the bot's answer with its ticks.
        await echo.SendAsync(contact, "are you there?");
        await page.Locator("[data-testid=message][data-direction=inbound]", new() { HasText = "are you there?" }).WaitForAsync();
        await page.Locator("[data-testid=message][data-direction=outbound][data-status=read]", new() { HasText = "You said: are you there?" }).WaitForAsync();

        // Take over: the bot is paused for this conversation.
        await page.ClickAsync("[data-testid=take-over]");
        await page.Locator("[data-testid=conversation-state][data-state=human]").WaitForAsync();
        await page.FillAsync("[data-testid=reply-input]", "Hi Lucía, this is Ana. How can I help?");
        await page.ClickAsync("[data-testid=reply-send]");
        await page.Locator("[data-testid=message][data-source=agent]", new() { HasText = "this is Ana" }).WaitForAsync();
        await Browser.ScreenshotAsync(page, "admin-conversation-taken-over");

        // The reply reaches the contact; the bot stays silent for their next message.
        await echo.WaitAsync(contact, t => t.Any(m => m.Direction == "outbound" && m.Text == "Hi Lucía, this is Ana. How can I help?"));
        await echo.SendAsync(contact, "I need help with my order");
        await page.Locator("[data-testid=message][data-direction=inbound]", new() { HasText = "my order" }).WaitForAsync();
        await WaitForProcessedAsync(app, contact, "I need help with my order");
        var thread = await echo.ThreadAsync(contact);
        thread.ShouldNotContain(m => m.Direction == "outbound" && m.Text != null && m.Text.Contains("my order", StringComparison.Ordinal));

        // Hand back: the bot answers again.
        await page.ClickAsync("[data-testid=hand-back]");
        await page.Locator("[data-testid=conversation-state][data-state=bot]").WaitForAsync();
        await echo.SendAsync(contact, "thanks");
        await echo.WaitAsync(contact, t => t.Any(m => m.Direction == "outbound" && m.Text != null && m.Text.StartsWith("You said: thanks", StringComparison.Ordinal)));
        await page.Locator("[data-testid=message][data-direction=outbound]", new() { HasText = "You said: thanks" }).WaitForAsync();
        await Browser.ScreenshotAsync(page, "admin-conversation-handed-back");

        // The same thread on a phone-sized screen.
        await page.SetViewportSizeAsync(390, 844);
        await page.Locator("[data-testid=thread]").WaitForAsync();
        await Browser.ScreenshotAsync(page, "admin-conversation-phone");

        errors.ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task SignIn_WrongPassword_ShowsError_AndFiveFailuresLockTheOperatorOut()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, kestrel: true);
        await app.Get<OperatorStore>().CreateAsync(Email, null, OperatorRoles.Agent, Password);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });

        await page.GotoAsync(Url(app, "/admin/login"));
        await SignInAsync(page, Email, "wrong password 1");
        (await page.Locator("[data-testid=signin-error]").InnerTextAsync()).ShouldBe("The email or the password is wrong.");
        (await page.InputValueAsync("[data-testid=password]")).ShouldBeEmpty(); // the password is not sent back
        await Browser.ScreenshotAsync(page, "admin-signin-wrong-password-phone");

        for (var i = 2; i <= OperatorStore.MaxFailedAttempts; i++)
        {
            await SignInAsync(page, Email, $"wrong password {i}");
        }

        (await page.Locator("[data-testid=signin-error]").InnerTextAsync()).ShouldStartWith("Too many failed attempts.");

        // Locked: even the right password is refused now.
        await SignInAsync(page, Email, Password);
        (await page.Locator("[data-testid=signin-error]").InnerTextAsync()).ShouldStartWith("Too many failed attempts.");
        page.Url.ShouldContain("/admin/login");
    }

    [BrowserFact]
    public async Task WebhookEvents_FailedEvent_IsReplayedFromTheList()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, kestrel: true);
        await app.Get<OperatorStore>().CreateAsync(Email, null, OperatorRoles.Admin, Password);
        var events = app.Get<WebhookEventStore>();
        var failedId = await events.RecordFailedAsync("sandbox", "sandbox", "application/json",
            """{"from":"+15550003333","name":"Bo","text":"stored while the parser was broken <b>raw</b>","id":"evt-1"}""", "JsonException: simulated parser failure");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var errors = CollectConsoleErrors(page);

        await page.GotoAsync(Url(app, "/admin/webhook-events"));
        await SignInAsync(page, Email, Password);
        var row = page.Locator($"[data-testid=webhook-event][data-event-id='{failedId}']");
        await row.WaitForAsync();
        await page.Locator("[data-testid=webhook-filters][data-interactive=true]").WaitForAsync();
        (await row.InnerTextAsync()).ShouldContain("simulated parser failure");

        // The raw body is shown as text, escaped: the <b> is not markup.
        await row.Locator("[data-testid=show-body]").ClickAsync();
        (await page.Locator("[data-testid=raw-body]").InnerTextAsync()).ShouldContain("<b>raw</b>");
        await Browser.ScreenshotAsync(page, "admin-webhook-events-failed");

        await row.Locator("[data-testid=select-event]").CheckAsync();
        await page.ClickAsync("[data-testid=replay-selected]");
        await page.Locator("[data-testid=replay-result]", new() { HasText = "Replayed" }).WaitForAsync();
        await Browser.ScreenshotAsync(page, "admin-webhook-events-replayed");

        (await events.FindAsync(failedId))!.State.ShouldBe(StoredWebhookEvent.Stored);
        await app.Sandbox.WaitAsync("+15550003333", t => t.Any(m => m.Direction == "inbound" && m.Text!.StartsWith("stored while", StringComparison.Ordinal)));
        errors.ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task EverySection_RendersForAnAdmin_WithLabelledControls()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, kestrel: true);
        await app.Get<OperatorStore>().CreateAsync(Email, "Ana Admin", OperatorRoles.Admin, Password);
        await app.Sandbox.SendAsync("+15550004444", "help", name: "Bo");
        await app.Sandbox.WaitForRepliesAsync("+15550004444", 1);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var errors = CollectConsoleErrors(page);
        await page.GotoAsync(Url(app, "/admin/login"));
        await SignInAsync(page, Email, Password);

        string[] sections = ["conversations", "contacts", "templates", "templates/new", "canned", "accounts", "accounts/sandbox", "webhook-events", "interactions", "knowledge", "operators"];
        foreach (var section in sections)
        {
            await page.GotoAsync(Url(app, "/admin/" + section));
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            (await page.Locator("h1").CountAsync()).ShouldBe(1, section);
            // Every form control has a label (or an aria-label).
            var unlabelled = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                    .filter(e => !e.labels?.length && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
                    .map(e => e.outerHTML)
                """);
            unlabelled.ShouldBeEmpty(section);
            await Browser.ScreenshotAsync(page, "admin-" + section.Replace('/', '-'));
        }

        // Templates: a new template previews with its sample values, is saved, and shows in the list.
        await page.GotoAsync(Url(app, "/admin/templates/new"));
        await page.Locator("[data-testid=template-editor][data-interactive=true]").WaitForAsync();
        await page.FillAsync("[data-testid=template-name]", "order_ready");
        await page.FillAsync("[data-testid=template-body]", "Hi {{1}}, your order {{2}} is ready.");
        await page.FillAsync("[data-testid=sample-param][data-name='1']", "Bo");
        await page.FillAsync("[data-testid=sample-param][data-name='2']", "A-17");
        await page.Locator("[data-testid=template-preview-text]", new() { HasText = "Hi Bo, your order A-17 is ready." }).WaitForAsync();
        await Browser.ScreenshotAsync(page, "admin-template-preview");
        await page.ClickAsync("[data-testid=template-save]");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/admin/templates/\d+$"));
        await page.GotoAsync(Url(app, "/admin/templates"));
        await page.Locator("[data-testid=template-row]", new() { HasText = "order_ready" }).WaitForAsync();

        errors.ShouldBeEmpty();
    }

    private static string Url(TestApp app, string path) => new Uri(app.BaseUrl, path).ToString();

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.FillAsync("[data-testid=email]", email);
        await page.FillAsync("[data-testid=password]", password);
        await Task.WhenAll(page.WaitForLoadStateAsync(LoadState.Load), page.ClickAsync("[data-testid=signin]"));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    private static List<string> CollectConsoleErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };
        return errors;
    }

    /// <summary>Waits until the inbound worker marked the contact's message done (with or without a reply).</summary>
    private static async Task WaitForProcessedAsync(TestApp app, string contact, string text)
    {
        var database = app.Get<Database>();
        var deadline = Environment.TickCount64 + 15_000;
        while (true)
        {
            await using (var c = await database.OpenAsync())
            {
                await using var cmd = c.CreateCommand();
                cmd.CommandText = "SELECT process_state FROM messages WHERE direction = 'inbound' AND content LIKE $text";
                var p = cmd.CreateParameter();
                p.ParameterName = "$text";
                p.Value = $"%{text}%";
                cmd.Parameters.Add(p);
                if (await cmd.ExecuteScalarAsync() is long state && state == 2)
                {
                    return;
                }
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"The message '{text}' of {contact} was not processed.");
            }

            await Task.Delay(50);
        }
    }
}
