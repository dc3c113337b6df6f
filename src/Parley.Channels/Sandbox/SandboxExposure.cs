using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Parley.Channels.Sandbox;

/// <summary>
/// Whether the sandbox is on, and whether it can be reached from beyond this machine: from the addresses the server
/// actually listens on once it started (<see cref="IServerAddressesFeature"/>), before that (or in-process, with no
/// addresses) from the configured ones.
/// </summary>
public sealed class SandboxExposure(IOptions<SandboxOptions> options, IConfiguration configuration, IServiceProvider services)
{
    /// <summary>On: as configured, else only while every address is loopback.</summary>
    public bool Enabled => options.Value.Enabled ?? !ReachableFromOutside;

    /// <summary>True when the sandbox was turned on explicitly rather than by being on loopback only.</summary>
    public bool ExplicitlyEnabled => options.Value.Enabled == true;

    public bool ReachableFromOutside => !ListenAddresses.AllLoopback(Addresses());

    public IReadOnlyList<string> Addresses()
    {
        var listening = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        return listening is { Count: > 0 } ? [.. listening] : ListenAddresses.Configured(configuration);
    }
}
