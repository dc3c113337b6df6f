using System.Net.Http.Json;

namespace Parley.Tests.Pipeline;

/// <summary>
/// Regression guard for the promise "a crash at any point loses nothing and never sends a reply twice":
/// the process is killed (SIGKILL) after the bot answered and before the replies were committed.
/// </summary>
public sealed class CrashRecoveryTests
{
    private const string Ana = "+15550002222";

    [Theory, SqliteData, PostgresData]
    public async Task KilledMidProcessing_RestartProcessesTheMessageOnce(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var settings = new Dictionary<string, string?>(database.Settings())
        {
            ["Parley:Faults:KillBeforeCommitOnText"] = "crash here",
            ["Parley:Workers:LeaseDuration"] = "00:00:02",
            ["Parley:Workers:PollInterval"] = "00:00:00.200",
        };

        var (first, url) = await ParleyProcess.StartServerAsync(settings);
        await using (first)
        {
            using var http = new HttpClient { BaseAddress = url };
            using var accepted = await http.PostAsJsonAsync("/api/v1/sandbox/echo/messages", new { from = Ana, text = "crash here" });
            accepted.EnsureSuccessStatusCode();

            // The webhook was acknowledged, then the worker died holding it.
            await first.WaitForExitAsync(TimeSpan.FromSeconds(20));
            first.Output.ShouldContain("Fault injection");
        }

        settings.Remove("Parley:Faults:KillBeforeCommitOnText");
        var (second, url2) = await ParleyProcess.StartServerAsync(settings);
        await using (second)
        {
            using var http = new HttpClient { BaseAddress = url2 };
            var sandbox = new SandboxClient(http, "echo"); // the echo bot: two replies, known in advance
            var thread = await sandbox.WaitAsync(Ana, t => t.Count(m => m.Direction == "outbound") >= 2, TimeSpan.FromSeconds(30));

            // A little longer, to see that no second set of replies follows.
            await Task.Delay(1500);
            thread = await sandbox.ThreadAsync(Ana);
            thread.Count(m => m.Direction == "inbound").ShouldBe(1);
            thread.Where(m => m.Direction == "outbound").Select(m => m.Text).ShouldBe(
                ["Hi! 👋 I'm Parley's demo bot.", "You said: crash here\n\nType *help* for the menu."]);
        }
    }
}
