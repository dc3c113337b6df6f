using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Parley.Bench;

/// <summary>
/// A server under test as its own operating-system process (Parley, or the bare Kestrel baseline): started with
/// arguments, ready when <c>GET /health</c> answers, measured through /proc (peak and current resident memory,
/// CPU time) and killed with SIGKILL like <c>kill -9</c>. Its console goes to a log file for post-mortems.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();

    private ChildProcess(Process process, StreamWriter log, Uri baseUrl, string name)
    {
        _process = process;
        _log = log;
        BaseUrl = baseUrl;
        Name = name;
    }

    public string Name { get; }
    public Uri BaseUrl { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>From spawning the process to its first successful health answer.</summary>
    public TimeSpan StartupTime { get; private set; }

    public static string DefaultParleyDll => Path.Combine(AppContext.BaseDirectory, "Parley.dll");

    public static string BenchDll => Path.Combine(AppContext.BaseDirectory, "Parley.Bench.dll");

    /// <summary>A loopback port free right now (the child binds it a moment later).</summary>
    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }

    /// <summary>Starts Parley with <paramref name="settings"/> as <c>--Key=Value</c> arguments on <paramref name="port"/>.</summary>
    public static Task<ChildProcess> StartParleyAsync(string name, int port, IEnumerable<KeyValuePair<string, string>> settings, string logDirectory, IDictionary<string, string>? environment = null, string? parleyDll = null)
    {
        var args = settings.Select(kv => $"--{kv.Key}={kv.Value}").Append($"--urls=http://127.0.0.1:{port}").Prepend(parleyDll ?? DefaultParleyDll);
        return StartAsync(name, port, args, logDirectory, environment);
    }

    /// <summary>The bench itself in baseline mode: a bare Kestrel endpoint that only answers 200.</summary>
    public static Task<ChildProcess> StartBaselineAsync(int port, string logDirectory) =>
        StartAsync("baseline", port, [BenchDll, "--serve-baseline", port.ToString(CultureInfo.InvariantCulture)], logDirectory, null);

    private static async Task<ChildProcess> StartAsync(string name, int port, IEnumerable<string> args, string logDirectory, IDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        Directory.CreateDirectory(logDirectory);
        var log = new StreamWriter(Path.Combine(logDirectory, $"{name}.log"), append: true) { AutoFlush = false };
        var started = Stopwatch.GetTimestamp();
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, log, new Uri($"http://127.0.0.1:{port}"), name);
        process.OutputDataReceived += (_, e) => child.Write(e.Data);
        process.ErrorDataReceived += (_, e) => child.Write(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await child.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        child.StartupTime = Stopwatch.GetElapsedTime(started);
        return child;
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it answered /health; see {Name}.log");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(BaseUrl, "/health"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"{Name} did not answer /health within {timeout.TotalSeconds:0} s; see {Name}.log");
    }

    /// <summary>Peak resident set size (VmHWM) in MB.</summary>
    public double PeakRssMb() => StatusKb("VmHWM") / 1024.0;

    /// <summary>Current resident set size (VmRSS) in MB.</summary>
    public double RssMb() => StatusKb("VmRSS") / 1024.0;

    /// <summary>User plus system CPU seconds the process has used (from /proc/pid/stat).</summary>
    public double CpuSeconds() => CpuSecondsOf(Pid);

    /// <summary>User plus system CPU seconds of any process (0 when it is gone or not readable).</summary>
    public static double CpuSecondsOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name in parentheses: state is field 3; utime and stime are 14 and 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return ticks / 100.0; // USER_HZ is 100 on Linux
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private double StatusKb(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    return double.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: no shutdown, no flush, leases left held.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
    }

    public string LogTail(int lines = 30)
    {
        lock (_logLock)
        {
            _log.Flush();
        }

        var path = ((FileStream)_log.BaseStream).Name;
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var all = reader.ReadToEnd().Split('\n');
        return string.Join('\n', all.TakeLast(lines));
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            _log.WriteLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        lock (_logLock)
        {
            _log.Dispose();
        }
    }
}
