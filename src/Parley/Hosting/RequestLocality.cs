using System.Net;

namespace Parley.Hosting;

/// <summary>Whether a request is plain HTTP on this machine only: from a loopback address, to a loopback host name.</summary>
public static class RequestLocality
{
    /// <summary>
    /// True only for plain HTTP from a loopback client to <c>localhost</c>, <c>127.x</c> or <c>[::1]</c> (the two-command
    /// start in a browser on the same machine). A request through a proxy for a public name is not local, even when
    /// the proxy itself connects from 127.0.0.1.
    /// </summary>
    public static bool IsLocalPlainHttp(HttpContext context) =>
        !context.Request.IsHttps
        && context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote)
        && IsLoopbackHost(context.Request.Host.Host);

    public static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
