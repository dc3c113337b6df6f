using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Hosting;

namespace Parley.Tests.Hosting;

public sealed class TrustedProxiesOptionsTests
{
    [Fact]
    public void CommaSeparatedValues_AndArrays_BothBind()
    {
        var options = ForwardedHeaders(new()
        {
            ["Parley:ForwardedHeaders:KnownProxies"] = "10.0.0.5, 10.0.0.6",
            ["Parley:ForwardedHeaders:KnownNetworks:0"] = "192.168.10.0/24",
            ["Parley:ForwardedHeaders:KnownNetworks:1"] = "fd00::/8",
        });

        options.KnownProxies.ShouldBe([IPAddress.Parse("10.0.0.5"), IPAddress.Parse("10.0.0.6")]);
        options.KnownIPNetworks.Select(n => n.ToString()).ShouldBe(["192.168.10.0/24", "fd00::/8"]);
        options.ForwardLimit.ShouldBeNull();
    }

    [Fact]
    public void NothingConfigured_IsOff()
    {
        var trusted = new TrustedProxiesOptions();
        trusted.Enabled.ShouldBeFalse();
    }

    [Fact]
    public void ConfiguredProxies_ReplaceTheFrameworksLoopbackDefaults()
    {
        var options = ForwardedHeaders(new() { ["Parley:ForwardedHeaders:KnownProxies"] = "10.0.0.5" });

        options.KnownProxies.ShouldBe([IPAddress.Parse("10.0.0.5")]);
        options.KnownIPNetworks.ShouldBeEmpty(); // not 127.0.0.0/8
    }

    [Fact]
    public void AWrongEntry_IsNamedWithItsKey()
    {
        var options = new TrustedProxiesOptions { KnownProxies = ["10.0.0.x"], KnownNetworks = ["10.0.0.0/33"] };

        var errors = options.Validate(new ValidationContext(options)).Select(e => e.ErrorMessage).ToList();

        errors.ShouldBe([
            "Parley:ForwardedHeaders:KnownProxies: '10.0.0.x' is not an IP address (like 127.0.0.1 or 10.0.0.5).",
            "Parley:ForwardedHeaders:KnownNetworks: '10.0.0.0/33' is not a network in CIDR notation (like 10.0.0.0/24).",
        ]);
    }

    private static Microsoft.AspNetCore.Builder.ForwardedHeadersOptions ForwardedHeaders(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddParleyHosting();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>>().Value;
    }
}
