using System.Net;
using Microsoft.Playwright;
using Parley.Core.Conversations;
using Parley.Core.Messaging;
using Parley.Core.Operators;
using Parley.Core.Outbound.Sending;
using Parley.Formatting;

namespace Parley.Tests.Admin;

/// <summary>
/// The admin as a newcomer meets it (issue 20), in a real browser: the inbox's order, times and labels, WhatsApp's
/// formatting in the thread (the same as the sandbox shows), and a dashboard that changes without a reload.
/// </summary>
public sealed class AdminInboxPageTests
{
    private const string Email = "ana@example.com";
    private const string Password = "a long enough secret";

    [BrowserFact]
    public async Task Inbox_ShowsTheContactsLastMessageTime_LabelsTheBot_AndSaysTakenOverOnlyWhenAPersonAnswered()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Parley:Ai:BurstDelay"] = "00:00:00" }, kestrel: true);
        await app.Get<OperatorStore>().CreateAsync(Email, "Ana", OperatorRoles.Agent, Password);
        var echo = app.SandboxFor("echo");
        await echo.SendAsync("+15550007001", "hello", name: "Rita");            // the bot answers
        await echo.WaitForRepliesAsync("+15550007001", 2);
        await app.Sandbox.SendAsync("+15550007002", "talk to a person", name: "Pau"); // asks for a person
        await app.Sandbox.WaitForRepliesAsync("+15550007002", 1);
        await echo.SendAsync("+15550007003", "my order?", name: "Quim");        // a person answers
        await echo.WaitForRepliesAsync("+15550007003", 2);
        var quim = (await app.Get<ConversationQueries>().InboxAsync(new ConversationFilter { Search = "Quim" }, null, 1)).Items.Single();
        await app.Get<ConversationTakeover>().TakeOverAsync(quim.Id, Email);
        (await app.Get<OutboundSender>().SendAsync(new SendCommand("echo", "+15550007003", MessageContent.FromText("*On its way*, Quim")) { Source = "agent" }))
            .ShouldBeOfType<SendOutcome.Accepted>();

        await Api.ApiSeed.AgeLastInboundAsync(app, TimeSpan.FromHours(2)); // every contact wrote two hours ago; the replies are newer

        await using var browser = await Browser.LaunchAsync();
        var page = await SignedInAsync(browser, app, "/admin/conversations");

        var items = page.Locator("[data-testid=inbox-item]");
        (await items.Locator(".inbox-name").AllInnerTextsAsync()).ShouldBe(["Quim (+15550007003)", "Pau (+15550007002)", "Rita (+15550007001)"]);

        var rita = items.Filter(new() { HasText = "Rita" });
        (await rita.Locator("[data-testid=inbox-sender]").InnerTextAsync()).Trim().ShouldBe("Bot:");
        (await rita.Locator("[data-testid=conversation-chip]").CountAsync()).ShouldBe(0);
        // The time is the contact's last message (aged two hours below), not the bot's reply that came after it.
        var ritaInbound = (await echo.ThreadAsync("+15550007001")).Last(m => m.Direction == "inbound").CreatedAt;
        var shown = DateTimeOffset.Parse(await rita.Locator("time[data-testid=inbox-time]").GetAttributeAsync("datetime") ?? "", System.Globalization.CultureInfo.InvariantCulture);
        (ritaInbound - TimeSpan.FromHours(2) - shown).Duration().ShouldBeLessThan(TimeSpan.FromSeconds(1));

        var pau = items.Filter(new() { HasText = "Pau" });
        (await pau.Locator("[data-testid=conversation-chip]").InnerTextAsync()).ShouldBe("waiting for a person");
        var quimItem = items.Filter(new() { HasText = "Quim" });
        (await quimItem.Locator("[data-testid=conversation-chip]").InnerTextAsync()).ShouldBe("taken over");
        (await quimItem.Locator("[data-testid=inbox-sender]").InnerTextAsync()).Trim().ShouldBe("Agent:");
        (await quimItem.Locator("[data-testid=inbox-preview]").InnerTextAsync()).ShouldContain("On its way, Quim"); // markers dropped
        (await page.Locator("[data-testid=inbox]").InnerTextAsync()).ShouldNotContain("You:");
        await Browser.ScreenshotAsync(page, "admin-inbox-labels");
    }

    [BrowserFact]
    public async Task Thread_RendersWhatsAppFormatting_AsTheContactSeesIt_AndNeverTheirHtml()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, kestrel: true);
        await app.Get<OperatorStore>().CreateAsync(Email, "Ana", OperatorRoles.Agent, Password);
        var echo = app.SandboxFor("echo");
        const string contact = "+15550007010";
        await echo.SendAsync(contact, "Is it <img src=x onerror=\"window.pwned=1\"> *ready*?", name: "Marta");
        await echo.WaitForRepliesAsync(contact, 2);
        (await app.Get<OutboundSender>().SendAsync(new SendCommand("echo", contact,
            MessageContent.FromText("*A-17* is _ready_, ~18:00~ 19:00:\n- front desk\n- `code 42`\n> bring the receipt\n```A-17 · 2 items```")) { Source = "agent" }))
            .ShouldBeOfType<SendOutcome.Accepted>();
        var ministry = app.SandboxFor("ministry");
        await ministry.SendAsync("+5215550007011", "menú", name: "Jorge");
        await ministry.WaitAsync("+5215550007011", t => t.Any(m => m.Interactive?.Sections is not null));
        await ministry.ChooseAsync("+5215550007011", "donativos", "Donativos", "list_reply");
        await ministry.WaitForRepliesAsync("+5215550007011", 2);

        await using var browser = await Browser.LaunchAsync();
        var page = await SignedInAsync(browser, app, "/admin/conversations");
        await page.Locator("[data-testid=inbox-item]", new() { HasText = "Marta" }).ClickAsync();
        await page.Locator("[data-testid=conversation][data-interactive=true]").WaitForAsync();

        var agent = page.Locator("[data-testid=message][data-source=agent] [data-testid=message-text]");
        await agent.WaitForAsync();
        (await agent.Locator("strong").InnerTextAsync()).ShouldBe("A-17");
        (await agent.Locator("em").InnerTextAsync()).ShouldBe("ready");
        (await agent.Locator("s").InnerTextAsync()).ShouldBe("18:00");
        (await agent.Locator("ul > li").AllInnerTextsAsync()).ShouldBe(["front desk", "code 42"]);
        (await agent.Locator("blockquote").InnerTextAsync()).ShouldBe("bring the receipt");
        (await agent.Locator("code.mono").InnerTextAsync()).ShouldBe("A-17 · 2 items");
        (await agent.InnerTextAsync()).ShouldNotContain("*");

        // The contact's HTML is text: no image element, nothing ran.
        var inbound = page.Locator("[data-testid=message][data-direction=inbound] [data-testid=message-text]").First;
        (await inbound.InnerTextAsync()).ShouldContain("<img src=x onerror=\"window.pwned=1\">");
        (await inbound.Locator("strong").InnerTextAsync()).ShouldBe("ready");
        (await page.Locator("[data-testid=thread] img[src=x]").CountAsync()).ShouldBe(0);
        (await page.EvaluateAsync<bool>("() => window.pwned === undefined")).ShouldBeTrue();
        await Browser.ScreenshotAsync(page, "admin-thread-formatting");

        // A list row and its description are two words apart (regression: "Donativos— Datos…"), and a choice reads
        // "Chose from the list", the same words as the sandbox page.
        await page.GotoAsync(Url(app, "/admin/conversations"));
        await page.Locator("[data-testid=inbox-item]", new() { HasText = "Jorge" }).ClickAsync();
        var rows = page.Locator(".list-rows").First;
        await rows.WaitForAsync();
        (await rows.InnerTextAsync()).ShouldContain("Donativos — Datos bancarios");
        (await page.Locator("[data-testid=message][data-direction=inbound] .reply-quote").InnerTextAsync()).ShouldContain("Chose from the list");

        await page.GotoAsync(Url(app, "/sandbox?account=ministry&contact=%2B5215550007011&name=Jorge"));
        var quote = page.Locator("[data-testid=message][data-direction=inbound] .reply-quote").First;
        await quote.WaitForAsync();
        (await quote.InnerTextAsync()).ShouldContain("Chose from the list");
    }

    [BrowserFact]
    public async Task TheSandboxPage_FormatsLikeTheAdmin()
    {
        // One set of rules in two languages (WhatsAppText.cs for the admin, whatsapp-text.js for the sandbox): the same
        // samples must give the same HTML once the browser has read both.
        string[] samples =
        [
            "*bold* _italic_ ~strike~ `code` and ```mono\nblock```",
            "*bold _nested_* (*in brackets*) 2*3*4 snake_case * not *",
            "Menu:\n- tea\n* coffee\n• cake\n1. one\n12. twelve\n> quoted *bold*\n> twice\nafter",
            "links https://example.com/a_b_c. www.example.org/x) and (https://en.wikipedia.org/wiki/A_(b)) javascript:alert(1)",
            "<script>alert(1)</script> *<b>x</b>* `</code>` & \"quotes\" 'single'",
            "```unclosed *bold* and ```closed``` then _it_```",
            "line one\n\nline three\n",
            "emoji 👋 *negrita* _cursiva_ ~tachado~ ✅",
        ];
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, kestrel: true);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Url(app, "/sandbox"));
        await page.WaitForFunctionAsync("() => !!window.ParleyWhatsAppText");

        foreach (var sample in samples)
        {
            var (server, sandbox) = await page.EvaluateAsync<string[]>(
                """
                ([text, html]) => {
                  const a = document.createElement('div'); a.innerHTML = html;
                  const b = document.createElement('div'); b.appendChild(window.ParleyWhatsAppText.render(text));
                  return [a.innerHTML, b.innerHTML];
                }
                """, new[] { sample, WhatsAppText.Html(sample) }) switch { var r => (r[0], r[1]) };
            sandbox.ShouldBe(server, sample);
        }
    }

    [BrowserFact]
    public async Task Dashboard_UpdatesWithoutAReload_AndShowsProvidersAndDependencies()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, kestrel: true);
        await app.Get<OperatorStore>().CreateAsync(Email, "Ana", OperatorRoles.Agent, Password);
        var echo = app.SandboxFor("echo");
        await echo.SendAsync("+15550007020", "hello", name: "Nora");
        await echo.WaitForRepliesAsync("+15550007020", 2);

        await using var browser = await Browser.LaunchAsync();
        var page = await SignedInAsync(browser, app, "/admin/");
        await page.Locator("[data-testid=live-status][data-live=true]").WaitForAsync();
        (await page.Locator("[data-testid=figure-inbound] .figure-value").InnerTextAsync()).ShouldBe("1");
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        await echo.SendAsync("+15550007020", "still there?");
        await page.Locator("[data-testid=figure-inbound] .figure-value", new() { HasText = "2" }).WaitForAsync(new() { Timeout = 30_000 });
        (await page.EvaluateAsync<bool>("() => window.sameDocument === true")).ShouldBeTrue(); // no reload happened

        var echoRow = page.Locator("[data-testid=provider-row][data-account=echo]");
        (await echoRow.GetAttributeAsync("data-level")).ShouldBe("ok");
        (await page.Locator("[data-testid=provider-row][data-account=ministry]").GetAttributeAsync("data-level")).ShouldBe("idle");
        (await page.Locator("[data-testid=chart-per-minute] svg").CountAsync()).ShouldBe(1);
        // Regression (issue 20): "redis healthy" was shown next to "Not configured".
        var redis = page.Locator("[data-testid=dependency][data-name=redis]");
        (await redis.GetAttributeAsync("data-state")).ShouldBe("not-configured");
        (await redis.InnerTextAsync()).ShouldNotContain("healthy");
        await Browser.ScreenshotAsync(page, "admin-dashboard-live");
    }

    [Fact]
    public async Task TheFavicon_IsServed_ForEveryPage()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);

        using var ico = await app.Client.GetAsync("/favicon.ico");
        ico.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ico.Content.ReadAsByteArrayAsync())[..4].ShouldBe(new byte[] { 0, 0, 1, 0 }); // an ICO header
        using var svg = await app.Client.GetAsync("/favicon.svg");
        svg.StatusCode.ShouldBe(HttpStatusCode.OK);
        svg.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        (await app.Client.GetStringAsync("/sandbox")).ShouldContain("href=\"/favicon.svg\"");
        (await app.Client.GetStringAsync("/admin/login")).ShouldContain("href=\"/favicon.svg\"");
    }

    private static async Task<IPage> SignedInAsync(BrowserSession browser, TestApp app, string path)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await page.GotoAsync(Url(app, "/admin/login"));
        await page.FillAsync("[data-testid=email]", Email);
        await page.FillAsync("[data-testid=password]", Password);
        await Task.WhenAll(page.WaitForLoadStateAsync(LoadState.Load), page.ClickAsync("[data-testid=signin]"));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.GotoAsync(Url(app, path));
        return page;
    }

    private static string Url(TestApp app, string path) => new Uri(app.BaseUrl, path).ToString();
}
