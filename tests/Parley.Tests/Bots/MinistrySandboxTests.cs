using System.Net.Http.Json;
using Parley.Channels.Sandbox;

namespace Parley.Tests.Bots;

/// <summary>The "done when": the ministry bot, declared on the command line, answering in /sandbox from a clean start.</summary>
public sealed class MinistrySandboxTests
{
    [Fact]
    public async Task TheBinary_WithTheMinistryAccountOnTheCommandLine_AnswersWithTheClabe()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var settings = new Dictionary<string, string?>(database.Settings())
        {
            ["Parley:Accounts:0:Id"] = "ministry",
            ["Parley:Accounts:0:Provider"] = "sandbox",
            ["Parley:Accounts:0:Bot"] = "ministry",
        };
        var (process, url) = await ParleyProcess.StartServerAsync(settings);
        await using (process)
        {
            using var http = new HttpClient { BaseAddress = url };
            var sandbox = new SandboxClient(http, "ministry");

            await sandbox.SendAsync("+5215512345678", "¿Me das los datos para un donativo?", name: "Lucía");

            var replies = await sandbox.WaitForRepliesAsync("+5215512345678", 2);
            replies[1].Text!.ShouldContain("CLABE: 012180001234567899");
            (await http.GetFromJsonAsync<List<SandboxAccountView>>("/api/v1/sandbox/accounts"))!.ShouldContain(a => a.Id == "ministry" && a.Bot == "ministry");
        }
    }

    [Fact]
    public async Task TheBinary_BotsImport_PrintsWhatItImported()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var file = Path.Combine(database.DataDirectory, "ministry.yaml");
        await File.WriteAllTextAsync(file, await ReadExampleAsync());

        var (exit, stdout, stderr) = await ParleyProcess.RunAsync(["bots", "import", file, .. database.Settings().Select(s => $"--{s.Key}={s.Value}")]);

        exit.ShouldBe(0, stderr);
        stdout.ShouldContain("for bot 'ministry' (every account): 4 intents, 4 templates, 3 data sources.");
    }

    [BrowserFact]
    public async Task SandboxPage_MinistryAccount_AnswersADonationQuestion()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, kestrel: true);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });

        await page.GotoAsync(new Uri(app.BaseUrl, "/sandbox?account=ministry&contact=%2B15550001111&name=Ana").ToString());
        await page.FillAsync("[data-testid=message-input]", "quiero hacer un donativo");
        await page.PressAsync("[data-testid=message-input]", "Enter");

        await page.Locator("[data-testid=message][data-direction=outbound] [data-testid=message-text]", new() { HasText = "012180001234567899" }).WaitForAsync();
        await Browser.ScreenshotAsync(page, "sandbox-ministry");
        (await app.SandboxFor("ministry").ThreadAsync("+15550001111")).Count(m => m.Direction == "outbound").ShouldBe(2);
    }

    private static async Task<string> ReadExampleAsync()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Parley.slnx")))
        {
            dir = dir.Parent;
        }

        return await File.ReadAllTextAsync(Path.Combine(dir!.FullName, "examples", "ministry.yaml"));
    }
}
