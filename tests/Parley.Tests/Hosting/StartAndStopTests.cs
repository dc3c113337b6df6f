using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace Parley.Tests.Hosting;

/// <summary>The real binary's start on a busy port and its stop with an admin page open (issue 17, item 12).</summary>
public sealed class StartAndStopTests(ITestOutputHelper output) : IDisposable
{
    private const string Email = "ops@example.com";
    private const string Password = "a long enough secret";
    private readonly string _dir = Directory.CreateTempSubdirectory("parley-startstop-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string DataArg => $"--Parley:DataDirectory={Path.Combine(_dir, "data")}";

    // Regression: a busy port ended in two stack traces and exit code 134.
    [Fact]
    public async Task BusyPort_OneLineNamingTheAddressAndUrls_ExitCode1()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var (exitCode, stdout, stderr) = await ParleyProcess.RunAsync([$"--urls=http://127.0.0.1:{port}", DataArg], timeout: TimeSpan.FromSeconds(90));

        exitCode.ShouldBe(1, stdout + stderr);
        var errors = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        errors.ShouldHaveSingleItem(stderr);
        errors[0].ShouldStartWith($"error: cannot listen on http://127.0.0.1:{port}: the address is already in use");
        errors[0].ShouldContain("--urls");
        (stdout + stderr).ShouldNotContain("   at ");
        (stdout + stderr).ShouldNotContain("Exception");
    }

    // Regression: with an admin page open, the stop waited about 32 s (the browser's circuit reconnected while the
    // server was stopping, and Kestrel waited for that connection until the shutdown timeout).
    [BrowserFact]
    public async Task Stop_WithAnAdminLivePageOpen_EndsWithinFiveSeconds()
    {
        var created = await ParleyProcess.RunAsync(["admin", "create", "--email", Email, "--role", "admin", "--password", Password, DataArg], timeout: TimeSpan.FromSeconds(90));
        created.ExitCode.ShouldBe(0, created.StdOut + created.StdErr);
        var (server, baseUrl) = await ParleyProcess.StartServerAsync(new Dictionary<string, string?> { ["Parley:DataDirectory"] = Path.Combine(_dir, "data") }, TimeSpan.FromSeconds(90));
        await using var _ = server;
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        var circuits = new List<IWebSocket>();
        page.WebSocket += (_, ws) => circuits.Add(ws);

        await page.GotoAsync(new Uri(baseUrl, "/admin/login").ToString());
        await page.FillAsync("[data-testid=email]", Email);
        await page.FillAsync("[data-testid=password]", Password);
        await Task.WhenAll(page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal)), page.ClickAsync("[data-testid=signin]"));
        await page.GotoAsync(new Uri(baseUrl, "/admin/templates/new").ToString());
        await page.Locator("[data-testid=template-editor][data-interactive=true]").WaitForAsync(); // the live circuit is up
        circuits.ShouldContain(ws => ws.Url.Contains("/admin/_blazor", StringComparison.Ordinal));

        var took = await server.StopAsync(TimeSpan.FromSeconds(60));

        output.WriteLine($"stopped {took.TotalSeconds:F2} s after SIGTERM with an admin circuit open");
        server.ExitCode.ShouldBe(0, server.Output);
        took.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(5), $"stopped after {took.TotalSeconds:F1} s:\n{server.Output}");
    }
}
