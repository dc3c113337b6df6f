using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Parley.Testing;

/// <summary>
/// Parley as a real operating-system process (the Parley.dll built beside the tests), for crash tests and CLI
/// tests: started with configuration arguments, read through its console, killed like <c>kill -9</c>.
/// </summary>
public sealed partial class ParleyProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<IReadOnlyList<string>> _announced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ParleyProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) =>
        {
            // Exited can come before the last lines are read: this waits for the end of both streams.
            _process.WaitForExit();
            var failure = new InvalidOperationException($"Parley exited with {_process.ExitCode} before listening:\n{Output}");
            _listening.TrySetException(failure);
            _announced.TrySetException(failure);
        };
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The operating-system process id; Parley's lease owner ids start with it (<c>{pid}:{guid}</c>).</summary>
    public int Id => _process.Id;

    public static string ParleyDll => Path.Combine(AppContext.BaseDirectory, "Parley.dll");

    /// <summary>
    /// Starts the server on a free port (loopback unless <paramref name="urls"/> says otherwise) and waits until it
    /// listens; returns it and its base URL, on 127.0.0.1 when it listens on every interface.
    /// </summary>
    /// <param name="workingDirectory">Where the server is started; the test output folder by default.</param>
    /// <param name="environment">Environment changes for the process (a null value removes a variable).</param>
    public static async Task<(ParleyProcess Process, Uri BaseUrl)> StartServerAsync(
        IDictionary<string, string?> settings, TimeSpan? timeout = null, string urls = "http://127.0.0.1:0", string? workingDirectory = null, IDictionary<string, string?>? environment = null)
    {
        var args = settings.Select(kv => $"--{kv.Key}={kv.Value}").Append($"--urls={urls}").ToList();
        var process = Start(args, workingDirectory, environment);
        var url = await process._listening.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
        return (process, new Uri(url.Replace("://0.0.0.0:", "://127.0.0.1:", StringComparison.Ordinal).Replace("://[::]:", "://127.0.0.1:", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Starts the server with exactly these arguments and environment changes (a null value removes a variable the test
    /// runner has) and waits for Parley's start-up line; returns the process and every address that line names.
    /// </summary>
    public static async Task<(ParleyProcess Process, IReadOnlyList<string> Addresses)> StartAsync(
        IEnumerable<string> args, IDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var process = Start(args, environment: environment);
        try
        {
            return (process, await process._announced.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60)));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a CLI command to completion and returns its exit code and output.</summary>
    /// <param name="workingDirectory">Where the command is started; the test output folder by default.</param>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(IEnumerable<string> args, string? stdin = null, TimeSpan? timeout = null, IDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var info = StartInfo(args, workingDirectory, environment);
        info.RedirectStandardInput = true;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'parley {string.Join(' ', args)}' did not finish:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Asks the process to stop as a service manager does (SIGTERM) and returns how long it took to exit.</summary>
    public async Task<TimeSpan> StopAsync(TimeSpan timeout)
    {
        var started = Stopwatch.StartNew();
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(timeout);
        return started.Elapsed;
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Waits for the process to end by itself (for example after an injected fault).</summary>
    public Task WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync().WaitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static ParleyProcess Start(IEnumerable<string> args, string? workingDirectory = null, IDictionary<string, string?>? environment = null)
    {
        var process = new Process { StartInfo = StartInfo(args, workingDirectory, environment), EnableRaisingEvents = true };
        var wrapper = new ParleyProcess(process);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return wrapper;
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> args, string? workingDirectory = null, IDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(ParleyDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        return info;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } m)
        {
            _listening.TrySetResult(m.Groups[1].Value);
        }

        if (AnnouncedLine().Match(line) is { Success: true } announced)
        {
            _announced.TrySetResult(announced.Groups[1].Value.Split(", "));
        }
    }

    // The URL ends at white space or, in JSON log lines (Parley:Logging:Format=json), at the closing quote.
    [GeneratedRegex(@"Now listening on: (http://[^\s""]+)")]
    private static partial Regex ListeningLine();

    // Parley's own start-up line (Hosting/ListeningAnnouncement): every address, comma-separated.
    [GeneratedRegex(@"Parley is listening on (.+?)\. (?:Open the sandbox|The sandbox is off)")]
    private static partial Regex AnnouncedLine();
}
