using System.Net;
using System.Net.Sockets;

namespace Parley.Testing.Fakes;

/// <summary>
/// A TCP forwarder on 127.0.0.1 in front of a real server (Redis, PostgreSQL): <see cref="Stop"/> drops every connection
/// and refuses new ones, as if the server went down or restarted; <see cref="Start"/> listens on the same port again, as
/// if it came back.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _stop;

    private TcpProxy(IPEndPoint target) => _target = target;

    public int Port { get; private set; }

    /// <summary>The configuration string to give Parley instead of the server's own.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static TcpProxy StartFor(string hostAndPort)
    {
        var parts = hostAndPort.Split(',')[0].Split(':');
        var host = parts[0] is "localhost" ? IPAddress.Loopback : IPAddress.Parse(parts[0]);
        var proxy = new TcpProxy(new IPEndPoint(host, parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 6379));
        proxy.Start();
        return proxy;
    }

    public void Start()
    {
        lock (_gate)
        {
            if (_listener is not null)
            {
                return;
            }

            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            _listener = listener;
            _stop = new CancellationTokenSource();
            _ = AcceptAsync(listener, _stop.Token);
        }
    }

    public void Stop()
    {
        lock (_gate)
        {
            _stop?.Cancel();
            _stop?.Dispose();
            _stop = null;
            _listener?.Stop();
            _listener = null;
            foreach (var c in _open)
            {
                c.Dispose();
            }

            _open.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }

            _ = PipeAsync(inbound, ct);
        }
    }

    private async Task PipeAsync(TcpClient inbound, CancellationToken ct)
    {
        var outbound = new TcpClient();
        lock (_gate)
        {
            _open.Add(inbound);
            _open.Add(outbound);
        }

        try
        {
            await outbound.ConnectAsync(_target, ct);
            var a = inbound.GetStream();
            var b = outbound.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, ct), b.CopyToAsync(a, ct));
        }
        catch (Exception)
        {
            // Either side went away (or Stop): close both.
        }
        finally
        {
            inbound.Dispose();
            outbound.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}
