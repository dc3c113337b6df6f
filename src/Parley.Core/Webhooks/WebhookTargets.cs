using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Parley.Core.Webhooks;

/// <summary>
/// Where outgoing webhooks may go. Unless <c>Parley:Webhooks:AllowPrivateNetworks</c> is true, a receiver must be on
/// the public internet: loopback, private (RFC 1918, unique local), link-local (cloud metadata at 169.254.169.254),
/// shared (CGNAT), unspecified, multicast and reserved addresses are refused. Otherwise whoever may add a webhook
/// could make Parley call services inside its own network, and read the answers (or their absence) in the delivery
/// log. The rule is checked twice: when a subscription is created or changed (on the host as written and as it
/// resolves then), and on every connection, on the address actually connected to — so a name that resolves to a
/// public address when checked and to a private one when sent (DNS rebinding) is still refused.
/// </summary>
public sealed class WebhookTargets(IOptions<OutgoingWebhookOptions> options)
{
    /// <summary>How long a name may take to resolve when a subscription is checked; unresolved names are left to the send-time check.</summary>
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Resolves host names; tests give their own (a name that changes its answer).</summary>
    public Func<string, CancellationToken, Task<IPAddress[]>> Resolve { get; init; } = Dns.GetHostAddressesAsync;

    private bool AllowPrivate => options.Value.AllowPrivateNetworks;

    /// <summary>Why <paramref name="url"/> may not receive webhooks, or null when it may.</summary>
    public async Task<string?> RefusalAsync(string url, CancellationToken ct)
    {
        if (AllowPrivate || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var host = uri.IdnHost.Trim('[', ']');
        if (IPAddress.TryParse(host, out var literal))
        {
            return IsPrivate(literal) ? Refused(uri.Host, literal) : null;
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return Refused(uri.Host, IPAddress.Loopback);
        }

        IPAddress[] addresses;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            timeout.CancelAfter(ResolveTimeout);
            try
            {
                addresses = await Resolve(host, timeout.Token);
            }
            catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                return null; // Not resolvable now: every connection is checked anyway.
            }
        }

        return addresses.FirstOrDefault(IsPrivate) is { } inside ? Refused(uri.Host, inside) : null;
    }

    /// <summary>
    /// The handler of the webhook HTTP client: connections go only to public addresses (unless allowed), checked on
    /// the addresses resolved for this very connection. Through a proxy, the target's own addresses are checked.
    /// </summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        ConnectCallback = ConnectAsync,
    };

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Resolve(endpoint.Host, ct);
        if (!AllowPrivate)
        {
            var target = context.InitialRequestMessage.RequestUri;
            if (target is not null && !string.Equals(target.IdnHost.Trim('[', ']'), endpoint.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase))
            {
                // A proxy: it connects to the target, so the target's addresses are the ones that matter.
                if (await RefusalAsync(target.ToString(), ct) is { } refusal)
                {
                    throw new HttpRequestException(HttpRequestError.ConnectionError, refusal);
                }
            }
            else if (addresses.FirstOrDefault(IsPrivate) is { } inside)
            {
                // Any private answer refuses the name (not only that address): no mixing public and internal targets.
                throw new HttpRequestException(HttpRequestError.ConnectionError, Refused(endpoint.Host, inside));
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string Refused(string host, IPAddress address) =>
        $"'{host}' is a loopback, private or link-local address ({address}); outgoing webhooks go only to public addresses unless Parley:Webhooks:AllowPrivateNetworks is true.";

    /// <summary>True for every address that is not on the public internet.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 or 10 or 127 => true,                       // "this network", private, loopback
                100 => b[1] is >= 64 and <= 127,             // shared address space (CGNAT)
                169 => b[1] == 254,                           // link-local (cloud metadata)
                172 => b[1] is >= 16 and <= 31,              // private
                192 => (b[1] == 168) || (b[1] == 0 && b[2] == 0), // private; IETF protocol assignments
                198 => b[1] is 18 or 19,                      // benchmarking
                >= 224 => true,                               // multicast, reserved, broadcast
                _ => false,
            };
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
        {
            return true;
        }

        var bytes = address.GetAddressBytes();
        // NAT64 (64:ff9b::/96) and IPv4-compatible (::a.b.c.d) addresses carry an IPv4 address: judge that one.
        var nat64 = bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b && bytes.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0;
        var compatible = bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0;
        return (nat64 || compatible) && IsPrivate(new IPAddress(bytes.AsSpan(12, 4)));
    }
}
