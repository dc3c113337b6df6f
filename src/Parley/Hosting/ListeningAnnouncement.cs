using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Parley.Channels.Sandbox;

namespace Parley.Hosting;

/// <summary>
/// The start-up line: every address the server listens on (from <c>--urls</c>, <c>Urls</c>/<c>ASPNETCORE_URLS</c>,
/// <c>ASPNETCORE_HTTP_PORTS</c>/<c>HTTPS_PORTS</c>, Kestrel endpoints, or Kestrel's default <c>http://localhost:5000</c>),
/// then where to open the sandbox.
/// </summary>
public static class ListeningAnnouncement
{
    public const string Prefix = "Parley is listening on ";

    public static void Register(WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() => Announce(app));

    private static void Announce(WebApplication app)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        if (addresses.Count == 0)
        {
            return;
        }

        // Plain HTTP on loopback first: the address that works in a local browser without a certificate warning.
        var open = ServerAddress.Browsable(addresses.OrderBy(a => a.StartsWith("https", StringComparison.Ordinal) ? 1 : 0).First());
        if (app.Services.GetRequiredService<SandboxExposure>().Enabled)
        {
            app.Logger.LogInformation(Prefix + "{Addresses}. Open the sandbox at {SandboxUrl}/sandbox (health: {HealthUrl}/health)",
                string.Join(", ", addresses), open, open);
        }
        else
        {
            // The sandbox is off here (not loopback, no access token): point at what is there.
            app.Logger.LogInformation(Prefix + "{Addresses}. The sandbox is off; admin: {AdminUrl}/admin (health: {HealthUrl}/health)",
                string.Join(", ", addresses), open, open);
        }
    }
}
