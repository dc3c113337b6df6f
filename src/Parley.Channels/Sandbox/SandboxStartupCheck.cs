using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Parley.Channels.Sandbox;

/// <summary>
/// Says at start, once the real addresses are known, what the sandbox is: a warning when it is on and reachable from
/// outside, a line when it is off because Parley listens beyond loopback (and how to turn it on).
/// </summary>
public sealed class SandboxStartupCheck(
    SandboxExposure exposure,
    IOptions<SandboxOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<SandboxStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Report);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Report()
    {
        if (!exposure.ReachableFromOutside)
        {
            return;
        }

        var addresses = string.Join(", ", exposure.Addresses());
        if (!exposure.Enabled)
        {
            logger.LogInformation(
                "The sandbox is off: Parley listens beyond loopback ({Addresses}). To use it here set Parley:Sandbox:Enabled=true and Parley:Sandbox:AccessToken",
                addresses);
            return;
        }

        if (string.IsNullOrEmpty(options.Value.AccessToken))
        {
            logger.LogWarning(
                "The sandbox is on and reachable from outside ({Addresses}) with no Parley:Sandbox:AccessToken: only signed-in operators can use it (/admin/sandbox). Anyone with access can post as any number, read sandbox threads and make the bots (and their AI provider) work",
                addresses);
            return;
        }

        logger.LogWarning(
            "The sandbox is on and reachable from outside ({Addresses}): anyone with Parley:Sandbox:AccessToken or an operator sign-in can post as any number, read sandbox threads and make the bots (and their AI provider) work. Set Parley:Sandbox:Enabled=false when you do not need it",
            addresses);
    }
}
