using System.Diagnostics;

namespace Parley.Tests.Cli;

public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<string> Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
    public IReadOnlyList<string> ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs the built Parley.dll (copied into the test's bin folder) as its own process, like an operator or a script would.</summary>
public static class CliProcess
{
    public static async Task<CliRun> RunAsync(string dataDirectory, params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Parley.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.ArgumentList.Add($"--Parley:DataDirectory={dataDirectory}");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove(Parley.Testing.TestDatabase.PostgresVariable);

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"parley {string.Join(' ', args)} did not finish within 90 s.");
        }

        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}
