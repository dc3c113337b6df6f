using System.Net;
using Microsoft.Playwright;
using Parley.Core.ApiKeys;
using Parley.Core.Inbound;
using Parley.Core.Operators;
using Parley.Tests.Api;

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

    /// <summary>
    /// Issue 17, item 6. Regression: five wrong passwords locked the account (a stranger could keep an administrator out
    /// for good) and the locked answer differed from a wrong password's, revealing that the account exists.
    /// </summary>
    [BrowserFact]
    public async Task SignIn_UnknownWrongAndWaiting_GetOneAnswer_TooManyFailuresFromANetworkAreRefused()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, kestrel: true);
        var store = app.Get<OperatorStore>();
        var op = await store.CreateAsync(Email, null, OperatorRoles.Agent, Password);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        await page.GotoAsync(Url(app, "/admin/login"));

        await SignInAsync(page, Email, "wrong password 1");
        (await page.Locator("[data-testid=signin-error]").InnerTextAsync()).ShouldBe(Parley.Admin.Auth.Login.FailedMessage);
        (await page.InputValueAsync("[data-testid=password]")).ShouldBeEmpty(); // the password is not sent back
        await Browser.ScreenshotAsync(page, "admin-signin-wrong-password-phone");
        await SignInAsync(page, "nobody@example.com", Password);
        (await page.Locator("[data-testid=signin-error]").InnerTextAsync()).ShouldBe(Parley.Admin.Auth.Login.FailedMessage);

        // An account waiting out its delay after many failures: the right password gets the very same answer ...
        await using (var c = await app.Get<Database>().OpenAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(c, "UPDATE operators SET failed_attempts = 20, locked_until = @until WHERE id = @id",
                new { id = op.Id, until = app.Get<TimeProvider>().GetUtcNow().AddMinutes(5).ToUnixTimeMilliseconds() });
        }

        await SignInAsync(page, Email, Password);
        (await page.Locator("[data-testid=signin-error]").InnerTextAsync()).ShouldBe(Parley.Admin.Auth.Login.FailedMessage);

        // ... and once the wait is over (here cleared by an administrator) it signs in: nothing was locked.
        await store.UnlockAsync(op.Id);
        await SignInAsync(page, Email, Password);
        await page.Locator("[data-testid=operator-name]").WaitForAsync();
        await page.ClickAsync("[data-testid=signout]");
        await page.WaitForURLAsync("**/admin/login**");

        // Ten failures from this browser's network (three above): the next attempt is refused without a check, whatever the account.
        for (var i = 3; i < Parley.Core.Operators.SignInThrottle.MaxFailures; i++)
        {
            await SignInAsync(page, $"guess{i}@example.com", "guess");
        }

        await SignInAsync(page, Email, Password);
        (await page.Locator("[data-testid=signin-error]").InnerTextAsync()).ShouldStartWith("Too many failed sign-ins from your network.");
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

    [BrowserFact]
    public async Task ThreadView_ShowsMediaButtonsListsLocationsAndTemplates_AndMediaNeedsTheSignIn()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, kestrel: true);
        await app.Get<OperatorStore>().CreateAsync(Email, "Ana Agent", OperatorRoles.Agent, Password);
        var echo = app.SandboxFor("echo");
        const string contact = "+15550005555";
        await echo.SendAsync(contact, "hi", name: "Marta");
        await echo.SendFileAsync(contact, MediaApiTests.Png, "receipt.png", "image/png", "my receipt");
        await echo.SendFileAsync(contact, MediaApiTests.Pdf, "invoice.pdf", "application/pdf");
        var inboundImage = (await echo.ThreadAsync(contact)).Single(m => m.Type == "image");
        var storedId = inboundImage.Media!.Url![(inboundImage.Media.Url!.LastIndexOf('/') + 1)..];
        // An outbound image sent by link (as an integrator would): here a link to this server, so the browser can load it.
        var link = new Uri(app.BaseUrl, inboundImage.Media.Url).ToString();

        using var api = await app.ApiClientAsync(ApiScopes.MessagesSend);
        await ApiSeed.TemplateAsync(app, "order_shipped", "es", "Hola {{1}}, tu pedido {{2}} va en camino.");
        object[] sends =
        [
            new { account = "echo", to = contact, text = "Pick one", interactive = new { kind = "button", buttons = new[] { new { id = "yes", title = "Yes please" }, new { id = "no", title = "No thanks" } } } },
            new { account = "echo", to = contact, text = "Our menu", interactive = new { kind = "list", listButton = "See options", sections = new[] { new { title = "Drinks", rows = new[] { new { id = "tea", title = "Green tea", description = "Hot" } } } } } },
            new { account = "echo", to = contact, location = new { latitude = 19.4326, longitude = -99.1332, name = "Zócalo", address = "Centro, CDMX" } },
            new { account = "echo", to = contact, type = "template", template = new { name = "order_shipped", language = "es", parameters = new[] { "Marta", "A-7" } } },
            new { account = "echo", to = contact, type = "image", text = "by link", media = new { url = link } },
        ];
        foreach (var body in sends)
        {
            var (response, json) = await api.PostJsonAsync("/api/v1/messages", body);
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted, json.ToString());
        }

        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1400 } });
        var errors = CollectConsoleErrors(page);
        await page.GotoAsync(Url(app, "/admin/conversations"));
        await SignInAsync(page, Email, Password);
        await page.Locator("[data-testid=inbox-item]", new() { HasText = "Marta" }).ClickAsync();
        await page.Locator("[data-testid=conversation][data-interactive=true]").WaitForAsync();

        // Inbound media: the image inline, the document as a link, both through the admin's signed-in media route.
        var inbound = page.Locator("[data-testid=message][data-direction=inbound][data-type=image]");
        await inbound.Locator("[data-testid=media-image]").WaitForAsync();
        (await inbound.InnerTextAsync()).ShouldContain("my receipt");
        var document = page.Locator("[data-testid=message][data-direction=inbound][data-type=document] [data-testid=media-document]");
        (await document.InnerTextAsync()).ShouldContain("invoice.pdf");
        var documentUrl = await document.EvaluateAsync<string>("a => a.href"); // resolved against the page's <base>
        documentUrl.ShouldStartWith(Url(app, "/admin/media/"));
        var download = await page.APIRequest.GetAsync(documentUrl);
        download.Status.ShouldBe(200);
        (await download.BodyAsync()).ShouldBe(MediaApiTests.Pdf);
        (await page.APIRequest.GetAsync(Url(app, "/admin/media/" + new string('0', 64)))).Status.ShouldBe(404);

        // Outbound: reply buttons under the bubble, the list with its rows, the location card, the rendered template, the linked image.
        await page.Locator("[data-testid=message][data-direction=outbound][data-type=interactive] .bubble-button", new() { HasText = "Yes please" }).WaitForAsync();
        var list = page.Locator("[data-testid=message][data-type=interactive] .list-rows");
        await list.WaitForAsync();
        (await list.InnerTextAsync()).ShouldContain("See options");
        (await list.InnerTextAsync()).ShouldContain("Green tea");
        var location = page.Locator("[data-testid=message][data-type=location] [data-testid=location]");
        (await location.InnerTextAsync()).ShouldContain("Zócalo");
        (await location.GetAttributeAsync("href"))!.ShouldContain("openstreetmap.org/?mlat=19.4326&mlon=-99.1332");
        await page.Locator("[data-testid=message][data-type=template]", new() { HasText = "Hola Marta, tu pedido A-7 va en camino." }).WaitForAsync();
        var linked = page.Locator("[data-testid=message][data-direction=outbound][data-type=image] [data-testid=media-image]");
        await linked.WaitForAsync();
        (await linked.GetAttributeAsync("src")).ShouldBe(link);

        // Every image in the thread actually loaded (the signed-in cookie authorizes the admin's media route).
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=media-image]')].every(i => i.complete && i.naturalWidth > 0)");
        await Browser.ScreenshotAsync(page, "admin-conversation-media");

        // Without the sign-in, the media route gives nothing but the way to the sign-in page.
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseUrl };
        using var refused = await anonymous.GetAsync($"/admin/media/{storedId}");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().ShouldContain("/admin/login");
        (await refused.Content.ReadAsByteArrayAsync()).ShouldNotBe(MediaApiTests.Png);

        errors.ShouldBeEmpty();
    }

    internal static string Url(TestApp app, string path) => new Uri(app.BaseUrl, path).ToString();

    internal static async Task SignInAsync(IPage page, string email, string password)
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
