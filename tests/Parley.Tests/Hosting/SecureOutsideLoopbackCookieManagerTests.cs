using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Parley.Hosting;

namespace Parley.Tests.Hosting;

/// <summary>The admin cookie is Secure everywhere but plain HTTP on this machine (issue 17, item 7).</summary>
public sealed class SecureOutsideLoopbackCookieManagerTests
{
    [Theory]
    [InlineData("http", "127.0.0.1", "localhost:5000", false)] // the two-command start in a local browser
    [InlineData("http", "::1", "[::1]:5000", false)]
    [InlineData("http", "127.0.0.1", "127.0.0.1:5000", false)]
    [InlineData("http", "::ffff:127.0.0.1", "localhost:8080", false)] // a dual-stack listener ([::]) sees IPv4 so
    [InlineData("https", "127.0.0.1", "localhost:5001", true)]
    // Regression: behind a TLS proxy Parley was not told about, nginx connects from 127.0.0.1 over HTTP, and the
    // cookie lost Secure. The public host name gives it away.
    [InlineData("http", "127.0.0.1", "bot.example.com", true)]
    [InlineData("http", "192.0.2.10", "192.0.2.1:5000", true)] // plain HTTP from another machine
    [InlineData("http", "192.0.2.10", "localhost:5000", true)]
    public void AppendResponseCookie_SecureUnlessPlainHttpOnThisMachine(string scheme, string remote, string host, bool secure)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString(host);
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        var manager = new SecureOutsideLoopbackCookieManager(new ChunkingCookieManager());

        manager.AppendResponseCookie(context, "parley_admin", "value", new CookieOptions { HttpOnly = true, Secure = scheme == "https" });

        var header = context.Response.Headers.SetCookie.ToString();
        header.ShouldStartWith("parley_admin=value");
        header.Contains("secure", StringComparison.OrdinalIgnoreCase).ShouldBe(secure, header);
    }
}
