using System.Net;
using System.Net.Sockets;

namespace Parley.Core.Hosting;

/// <summary>
/// The key per-client limits count by: an IPv4 address as it is, an IPv6 address by its /64 (one subscriber usually
/// holds a whole /64, so counting single IPv6 addresses would let one client rotate past any limit).
/// </summary>
public static class ClientNetwork
{
    /// <summary>The key of a client that has no address (an in-process test server).</summary>
    public const string Unknown = "unknown";

    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
