using Microsoft.Playwright;
using Parley.Core.Conversations;
using Parley.Core.Messaging;
using Parley.Core.Operators;
using Parley.Core.Outbound.Sending;

namespace Parley.Tests.Docs;

/// <summary>
/// The pictures in README.md and docs/: the sandbox, the admin inbox and the dashboard, taken from a real browser after a
/// few conversations, with what each must show checked first. They always land in TestResults/screenshots; with
/// <c>PARLEY_DOCS_IMAGES=docs/images</c> (a path from the repository root) they also replace the documentation's copies.
/// Emoji need a colour emoji font where the browser runs (Debian: fonts-noto-color-emoji, which .ci/run installs).
/// </summary>
public sealed class DocsScreenshotTests
{
    private const string Email = "ana@example.com";
    private const string Password = "a long enough secret";

    [BrowserFact]
    public async Task SandboxInboxAndDashboard_ForTheDocs()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Parley:Ai:BurstDelay"] = "00:00:00" }, kestrel: true);
        await app.Get<OperatorStore>().CreateAsync(Email, "Ana López", OperatorRoles.Admin, Password);
        await SeedAsync(app);

        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 860 }, DeviceScaleFactor = 1 });

        // The sandbox, as a newcomer first sees it: the assistant greets, offers its menu, answers a choice.
        await page.GotoAsync(Url(app, "/sandbox?contact=%2B15550001111&name=Lucía"));
        await page.FillAsync("[data-testid=message-input]", "hi 👋");
        await page.PressAsync("[data-testid=message-input]", "Enter");
        await page.Locator("[data-testid=message][data-direction=outbound]").First.WaitForAsync();
        await page.FillAsync("[data-testid=message-input]", "menu");
        await page.PressAsync("[data-testid=message-input]", "Enter");
        var menu = page.Locator("[data-testid=message][data-direction=outbound][data-type=interactive]").Last;
        await menu.Locator("[data-testid=list-open]").ClickAsync();
        await page.Locator("[data-testid=list-row]").First.ClickAsync();
        await page.Locator("[data-testid=message][data-direction=outbound]").Nth(2).WaitForAsync();
        await page.Locator("[data-testid=message][data-direction=outbound][data-status=read]").Last.WaitForAsync();
        (await page.Locator("[data-testid=message][data-direction=inbound] .reply-quote").Last.InnerTextAsync()).ShouldContain("Chose from the list");
        (await page.Locator("[data-testid=message][data-direction=outbound] [data-testid=message-text] li").CountAsync()).ShouldBeGreaterThan(0);
        await SaveAsync(page, "sandbox");

        // The admin: sign in, the inbox, the dashboard.
        await page.GotoAsync(Url(app, "/admin/login"));
        await page.FillAsync("[data-testid=email]", Email);
        await page.FillAsync("[data-testid=password]", Password);
        await Task.WhenAll(page.WaitForLoadStateAsync(LoadState.Load), page.ClickAsync("[data-testid=signin]"));
        await page.GotoAsync(Url(app, "/admin/conversations"));
        await page.Locator("[data-testid=inbox-item]").First.WaitForAsync();
        (await page.Locator("[data-testid=conversation-chip]").AllInnerTextsAsync()).ShouldBe(["taken over", "waiting for a person"]);
        await SaveAsync(page, "admin-inbox");

        await page.Locator("[data-testid=inbox-item]", new() { HasText = "Marta" }).ClickAsync();
        await page.Locator("[data-testid=conversation][data-interactive=true]").WaitForAsync();
        (await page.Locator("[data-testid=message][data-source=agent] ul li").CountAsync()).ShouldBe(2);
        await SaveAsync(page, "admin-conversation");

        await page.GotoAsync(Url(app, "/admin/"));
        await page.Locator("[data-testid=live-status][data-live=true]").WaitForAsync();
        (await page.Locator("[data-testid=provider-row]").CountAsync()).ShouldBe(5); // sandbox, echo, ministry, clinic, resort
        await SaveAsync(page, "admin-dashboard", fullPage: true);
    }

    /// <summary>Conversations an evaluator would have after ten minutes: the assistant, the ministry bot, a person asked for, an operator's reply.</summary>
    private static async Task SeedAsync(TestApp app)
    {
        var ministry = app.SandboxFor("ministry");
        await ministry.SendAsync("+5215550002222", "hola", name: "Jorge");
        await ministry.WaitForRepliesAsync("+5215550002222", 1);
        await ministry.SendAsync("+5215550002222", "menú");
        await ministry.WaitAsync("+5215550002222", t => t.Any(m => m.Interactive?.Sections is not null));
        await ministry.ChooseAsync("+5215550002222", "donativos", "Donativos", "list_reply");
        await ministry.WaitForRepliesAsync("+5215550002222", 3);

        await app.Sandbox.SendAsync("+15550003333", "talk to a person", name: "Bo");
        await app.Sandbox.WaitForRepliesAsync("+15550003333", 1);

        var echo = app.SandboxFor("echo");
        await echo.SendAsync("+15550004444", "Hi! Is my order *A-17* ready? 🙏", name: "Marta");
        await echo.WaitForRepliesAsync("+15550004444", 2);
        var conversation = (await app.Get<ConversationQueries>().ListAsync(new ConversationFilter { AccountId = "echo" }, null, 10)).Items.Single();
        await app.Get<ConversationTakeover>().TakeOverAsync(conversation.Id, Email);
        var sent = await app.Get<OutboundSender>().SendAsync(new SendCommand("echo", "+15550004444",
            MessageContent.FromText("Hi Marta, this is Ana 👋\n*A-17* is _ready_ for pickup:\n- at the front desk\n- until ~18:00~ 19:00\n```A-17 · 2 items```"))
        {
            Source = "agent",
        });
        sent.ShouldBeOfType<SendOutcome.Accepted>();
        await echo.WaitAsync("+15550004444", t => t.Any(m => m.Direction == "outbound" && m.Text!.StartsWith("Hi Marta", StringComparison.Ordinal) && m.Status == "read"));
    }

    private static async Task SaveAsync(IPage page, string name, bool fullPage = false)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Browser.ScreenshotAsync(page, name);
        if (Environment.GetEnvironmentVariable("PARLEY_DOCS_IMAGES") is { Length: > 0 } target)
        {
            // Without a colour emoji font the pictures would show empty boxes where the bots' emoji are.
            File.Exists(EmojiFont).ShouldBeTrue($"The documentation's screenshots need a colour emoji font: apt-get install fonts-noto-color-emoji ({EmojiFont}).");
            var dir = Path.IsPathRooted(target) ? target : Path.Combine(RepositoryRoot(), target);
            Directory.CreateDirectory(dir);
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = fullPage });
        }
    }

    private const string EmojiFont = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf";

    private static string Url(TestApp app, string path) => new Uri(app.BaseUrl, path).ToString();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Parley.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the repository.");
    }
}
