using System.Net;
using System.Net.Http.Json;

namespace Parley.Tests.Sandbox;

/// <summary>
/// Issue 17, item 3, as an operator runs it: a real server listening on every interface (Kestrel's own addresses
/// decide), and the terminal chat against it with the token.
/// </summary>
public sealed class SandboxExposureProcessTests
{
    private const string Token = "a-sandbox-token-long-enough";

    [Fact]
    public async Task OnEveryInterface_TheSandboxIsOff_UnlessEnabled_ThenTheTokenLetsTheChatIn()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var (off, offUrl) = await ParleyProcess.StartServerAsync(new Dictionary<string, string?>(database.Settings()), TimeSpan.FromSeconds(90), urls: "http://0.0.0.0:0");
        await using (off)
        {
            using var http = new HttpClient { BaseAddress = offUrl };
            (await http.GetAsync("/api/v1/sandbox/accounts")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await http.GetAsync("/sandbox")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            await WaitForLineAsync(off, "The sandbox is off: Parley listens beyond loopback");
        }

        var settings = new Dictionary<string, string?>(database.Settings())
        {
            ["Parley:Sandbox:Enabled"] = "true",
            ["Parley:Sandbox:AccessToken"] = Token,
        };
        var (on, url) = await ParleyProcess.StartServerAsync(settings, TimeSpan.FromSeconds(90), urls: "http://0.0.0.0:0");
        await using (on)
        {
            await WaitForLineAsync(on, "The sandbox is on and reachable from outside");
            using var http = new HttpClient { BaseAddress = url };
            (await http.PostAsJsonAsync("/api/v1/sandbox/echo/messages", new { from = "+15550009999", text = "hello" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

            var (exit, stdout, stderr) = await ParleyProcess.RunAsync(
                ["chat", "--account", "echo", "--from", "+15550009999", "--name", "Zoe", "--url", url.ToString(), "--token", Token],
                stdin: "hello\n", timeout: TimeSpan.FromSeconds(120));
            exit.ShouldBe(0, stderr);
            stdout.ShouldContain("bot> You said: hello", customMessage: stderr);
        }
    }

    /// <summary>The line is written when the server has started, just after it reports listening.</summary>
    private static async Task WaitForLineAsync(ParleyProcess process, string text)
    {
        var deadline = Environment.TickCount64 + 30_000;
        while (!process.Output.Contains(text, StringComparison.Ordinal))
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"No line with '{text}' in:\n{process.Output}");
            }

            await Task.Delay(100);
        }
    }
}
