using Microsoft.Playwright;
using Xunit;

namespace Parley.Testing;

/// <summary>Debian's chromium under Playwright (Playwright's own browser download does not work here).</summary>
public static class Browser
{
    public static string? ChromiumPath =>
        Environment.GetEnvironmentVariable("PARLEY_TEST_CHROMIUM") is { Length: > 0 } p ? p
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;

    /// <param name="extraArgs">More chromium switches, like <c>--host-resolver-rules=MAP parley.test 127.0.0.1</c>.</param>
    public static async Task<BrowserSession> LaunchAsync(params string[] extraArgs)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath ?? throw new InvalidOperationException("No chromium: install Debian's chromium or set PARLEY_TEST_CHROMIUM."),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", .. extraArgs],
        });
        return new BrowserSession(playwright, browser);
    }

    /// <summary>Saves a screenshot as a test artifact under TestResults/screenshots.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }
}

public sealed class BrowserSession(IPlaywright playwright, IBrowser browser) : IAsyncDisposable
{
    /// <summary>
    /// A page whose waits allow a minute: the suite runs browsers beside other tests on small shared machines, where a
    /// Blazor circuit or a navigation can take longer than Playwright's 30 s default. A wait that never ends still fails.
    /// </summary>
    public async Task<IPage> NewPageAsync(BrowserNewPageOptions? options = null)
    {
        var page = await browser.NewPageAsync(options);
        page.SetDefaultTimeout(60_000);
        page.SetDefaultNavigationTimeout(60_000);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}

/// <summary>A browser test: reported skipped where there is no chromium.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Browser.ChromiumPath is null)
        {
            Skip = "Needs Debian's chromium (/usr/bin/chromium or PARLEY_TEST_CHROMIUM); .ci/run installs it.";
        }
    }
}
