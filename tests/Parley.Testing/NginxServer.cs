using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Parley.Testing;

/// <summary>
/// Debian's nginx as a real process: a site configuration (docs/deploy/nginx/parley.conf, adapted by the test) inside a
/// minimal main configuration whose logs, pid and temporary files stay in the test's directory.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private NginxServer(Process process, string directory)
    {
        _process = process;
        _directory = directory;
    }

    public static string? Executable =>
        Environment.GetEnvironmentVariable("PARLEY_TEST_NGINX") is { Length: > 0 } p ? p
        : File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : null;

    public string ErrorLog => File.Exists(Path.Combine(_directory, "error.log")) ? File.ReadAllText(Path.Combine(_directory, "error.log")) : "";

    public string AccessLog => File.Exists(Path.Combine(_directory, "access.log")) ? File.ReadAllText(Path.Combine(_directory, "access.log")) : "";

    /// <summary>Starts nginx with <paramref name="site"/> and waits until it accepts connections on <paramref name="port"/> (127.0.0.1).</summary>
    public static async Task<NginxServer> StartAsync(string directory, string site, int port)
    {
        Directory.CreateDirectory(Path.Combine(directory, "tmp"));
        // As root, nginx's workers run as an unprivileged user: they must reach the temporary directories (uploads are
        // buffered there). The master reads the configuration and the certificate itself.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        File.WriteAllText(Path.Combine(directory, "site.conf"), site);
        var isRoot = Environment.UserName == "root";
        File.WriteAllText(Path.Combine(directory, "nginx.conf"), $$"""
            {{(isRoot ? "user nobody nogroup;" : "")}}
            worker_processes 1;
            daemon off;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log info;
            events { worker_connections 256; }
            http {
                access_log {{directory}}/access.log;
                client_body_temp_path {{directory}}/tmp/body;
                proxy_temp_path {{directory}}/tmp/proxy;
                fastcgi_temp_path {{directory}}/tmp/fastcgi;
                uwsgi_temp_path {{directory}}/tmp/uwsgi;
                scgi_temp_path {{directory}}/tmp/scgi;
                include {{directory}}/site.conf;
            }
            """);
        var info = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("No nginx: install Debian's nginx or set PARLEY_TEST_NGINX."))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-p", directory, "-c", Path.Combine(directory, "nginx.conf"), "-e", Path.Combine(directory, "error.log") })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        var server = new NginxServer(process, directory);
        var deadline = Environment.TickCount64 + 30_000;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}:\n{await process.StandardError.ReadToEndAsync()}\n{server.ErrorLog}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException) when (Environment.TickCount64 < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // The master and its worker: SIGKILL to the master alone would leave the worker listening.
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
