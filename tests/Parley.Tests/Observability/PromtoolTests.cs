using System.Diagnostics;

namespace Parley.Tests.Observability;

/// <summary>
/// Prometheus' own linter (<c>promtool check metrics</c>, Debian package <c>prometheus</c>; .ci/run installs it) passes on
/// a live <c>/metrics</c> after traffic. Regression (issue 19): the runtime's thread pool queue length and thread count
/// were exported as counters (<c>_total</c>) though they go down, and gauges ended in <c>_count</c>.
/// </summary>
public sealed class PromtoolTests
{
    [PromtoolFact]
    public async Task Metrics_PassPromtoolsCheck()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        await app.SandboxFor("echo").SendAsync("+15550002222", "one");
        await app.SandboxFor("echo").WaitForRepliesAsync("+15550002222", 2);
        var text = await app.Client.GetStringAsync("/metrics");

        var (exit, output) = await PromtoolAsync(text);

        exit.ShouldBe(0, $"promtool check metrics:\n{output}");
        output.Trim().ShouldBeEmpty();
        text.ShouldContain("# TYPE dotnet_thread_pool_queue_length gauge");
        text.ShouldContain("# TYPE dotnet_thread_pool_threads gauge");
        text.ShouldNotContain("dotnet_thread_pool_queue_length_total");
        text.ShouldContain("# TYPE dotnet_timers gauge");
    }

    private static async Task<(int Exit, string Output)> PromtoolAsync(string metrics)
    {
        var start = new ProcessStartInfo(PromtoolFactAttribute.Path!, "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(metrics);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
