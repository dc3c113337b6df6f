using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace Parley.Hosting;

/// <summary>
/// How Parley sits where ASP.NET Core apps run: addresses by convention (nothing here overrides <c>--urls</c>,
/// <c>ASPNETCORE_URLS</c> or <c>ASPNETCORE_HTTP_PORTS</c>), forwarded headers from configured proxies only, HSTS when
/// asked for, the client's address in the logs, a start-up line with every address, and a quick stop.
/// </summary>
public static class HostingExtensions
{
    public static WebApplicationBuilder AddParleyHosting(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TrustedProxiesOptions>()
            .Configure<IConfiguration>((o, config) => o.Bind(config.GetSection(TrustedProxiesOptions.SectionName)))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HstsSettings>().BindConfiguration(HstsSettings.SectionName).ValidateDataAnnotations().ValidateOnStart();

        // Runs after the framework's own configuration (ASPNETCORE_FORWARDEDHEADERS_ENABLED): configured proxies replace
        // its "trust anyone" and the framework's loopback defaults alike.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxiesOptions>>((o, trusted) =>
        {
            if (!trusted.Value.Enabled)
            {
                return;
            }

            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Walks back through the chain while each hop is a known proxy, and stops at the first that is not.
            o.ForwardLimit = null;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in trusted.Value.Proxies())
            {
                o.KnownProxies.Add(proxy);
            }

            foreach (var network in trusted.Value.Networks())
            {
                o.KnownIPNetworks.Add(network);
            }
        });
        services.AddOptions<HstsOptions>().Configure<IOptions<HstsSettings>>((o, settings) =>
        {
            o.MaxAge = settings.Value.MaxAge;
            o.IncludeSubDomains = settings.Value.IncludeSubDomains;
            o.Preload = settings.Value.Preload;
        });

        // Under systemd (docs/deploy/parley@.service, Type=notify): ready is signalled once Parley listens, SIGTERM stops
        // it, console logs carry the journal's priority prefixes. Outside systemd this does nothing.
        services.AddSystemd();

        // Start-up failures are reported once, by ParleyServer (one line for a busy port or a wrong setting), not a
        // second time with a stack trace by the host. Its critical entries (a background service that stops the host) stay.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        return builder;
    }

    /// <summary>First in the pipeline: everything after it sees the client's address and scheme, not the proxy's.</summary>
    public static WebApplication UseParleyHosting(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<TrustedProxiesOptions>>().Value.Enabled)
        {
            app.UseForwardedHeaders();
        }
        else if (string.Equals(app.Configuration["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] ?? app.Configuration["FORWARDEDHEADERS_ENABLED"], "true", StringComparison.OrdinalIgnoreCase))
        {
            app.Logger.LogWarning("ASPNETCORE_FORWARDEDHEADERS_ENABLED makes ASP.NET Core believe X-Forwarded-For and X-Forwarded-Proto from any client. "
                + "Name the proxies instead: Parley:ForwardedHeaders:KnownProxies or KnownNetworks");
        }

        if (app.Services.GetRequiredService<IOptions<HstsSettings>>().Value.Enabled)
        {
            app.UseHsts();
        }

        app.UseClientIpLogScope();
        ListeningAnnouncement.Register(app);
        return app;
    }

    /// <summary>In the admin's branch, before its endpoints: circuits end when the server stops (<see cref="CircuitShutdown"/>).</summary>
    public static IApplicationBuilder UseCircuitShutdown(this IApplicationBuilder app)
    {
        var gate = ActivatorUtilities.CreateInstance<CircuitShutdown>(app.ApplicationServices);
        return app.Use((context, next) => gate.InvokeAsync(context, next));
    }
}
