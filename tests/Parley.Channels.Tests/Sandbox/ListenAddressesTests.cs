using Microsoft.Extensions.Configuration;
using Parley.Channels.Sandbox;

namespace Parley.Channels.Tests.Sandbox;

/// <summary>Which listening addresses keep the sandbox on by default (issue 17, item 3): loopback only.</summary>
public sealed class ListenAddressesTests
{
    [Theory]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://LOCALHOST", true)]
    [InlineData("http://127.0.0.1:0", true)]
    [InlineData("https://127.0.0.2:8443", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://[::]:8080", false)]
    [InlineData("http://*:80", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://192.168.1.10:5000", false)]
    [InlineData("http://parley.example.com:5000", false)]
    [InlineData("http://unix:/run/parley.sock", false)]
    [InlineData("http://pipe:/parley", false)]
    public void IsLoopback(string url, bool loopback) => ListenAddresses.IsLoopback(url).ShouldBe(loopback);

    [Theory]
    [InlineData(null, null, null, true)] // ASP.NET Core's default, http://localhost:5000: the two-command start
    [InlineData("http://localhost:5000;http://127.0.0.1:5001", null, null, true)]
    [InlineData("http://localhost:5000;http://192.168.1.10:5000", null, null, false)]
    [InlineData(null, "8080", null, false)] // ASPNETCORE_HTTP_PORTS, as container images set it
    [InlineData(null, null, "http://*:5000", false)] // Kestrel:Endpoints win over urls
    [InlineData("http://0.0.0.0:80", null, "http://127.0.0.1:5000", true)]
    public void Configured_FromUrlsPortsOrKestrelEndpoints(string? urls, string? httpPorts, string? endpoint, bool loopbackOnly)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = urls,
            ["http_ports"] = httpPorts,
            ["Kestrel:Endpoints:Main:Url"] = endpoint,
        }).Build();

        ListenAddresses.AllLoopback(ListenAddresses.Configured(configuration)).ShouldBe(loopbackOnly);
    }
}
