using System.Net.Http.Json;
using Parley.Testing.Faults;

namespace Parley.Tests.Pipeline;

/// <summary>
/// Regression guard for the promise "a crash at any point loses nothing and never sends a reply twice":
/// the process is killed (SIGKILL) after the bot answered and before the replies were committed. The kill comes from
/// the test's own bot <c>crash</c>, loaded into the server by a startup hook (<see cref="FaultInjection"/>): Parley
/// itself has no fault switch.
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
            ["Parley:Accounts:0:Id"] = "shop",
            ["Parley:Accounts:0:Provider"] = "sandbox",
            ["Parley:Accounts:0:Bot"] = "crash",
            ["Parley:Workers:LeaseDuration"] = "00:00:02",
            ["Parley:Workers:PollInterval"] = "00:00:00.200",
        };

        var (first, url) = await ParleyProcess.StartServerAsync(settings, environment: FaultInjection.Environment());
        await using (first)
        {
            using var http = new HttpClient { BaseAddress = url };
            using var accepted = await http.PostAsJsonAsync("/api/v1/sandbox/shop/messages", new { from = Ana, text = "crash here" });
            accepted.EnsureSuccessStatusCode();

            // The webhook was acknowledged, then the worker died holding it.
            await first.WaitForExitAsync(TimeSpan.FromSeconds(20));
            first.Output.ShouldContain("Fault injection");
        }

        settings["Parley:Accounts:0:Bot"] = "echo"; // the same conversation, now served without the fault
        var (second, url2) = await ParleyProcess.StartServerAsync(settings);
        await using (second)
        {
            using var http = new HttpClient { BaseAddress = url2 };
            var sandbox = new SandboxClient(http, "shop"); // the echo bot: two replies, known in advance
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
