using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Parley.Testing;

/// <summary>
/// HTTP clients that play distinct machines on loopback: every connection leaves from a chosen address of 127.0.0.0/8
/// (so a server sees 127.0.0.2, not 127.0.0.1) and goes to 127.0.0.1, whatever host name the URL carries (so a URL
/// can use a public-looking name like <c>parley.test</c> without any name resolution).
/// </summary>
public static class LoopbackClient
{
    /// <param name="from">The source address, within 127.0.0.0/8.</param>
    /// <param name="trusted">The only server certificate accepted (a test's self-signed one); null for plain HTTP.</param>
    public static HttpClient Create(IPAddress from, X509Certificate2? trusted = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    trusted is not null && certificate is not null && certificate.GetCertHashString() == trusted.GetCertHashString(),
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(120) };
    }
}
