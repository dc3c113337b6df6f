using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Channels.Sandbox;

/// <summary>
/// In front of every sandbox endpoint: 404 while the sandbox is off, 401 when the request needs the access token or a
/// pass and shows neither (see <see cref="SandboxAccess"/>). The problem's <c>access</c> field tells the page to ask for them.
/// </summary>
public sealed class SandboxGate(bool checkAccess) : IEndpointFilter
{
    /// <summary>Where a signed-in operator gets a pass (the admin maps it).</summary>
    public const string OperatorPassPath = "/admin/sandbox";

    private static int _warnedProxy;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        if (!services.GetRequiredService<SandboxExposure>().Enabled)
        {
            return Off();
        }

        var access = services.GetRequiredService<SandboxAccess>();
        if (checkAccess && access.Required(http) && !await access.GrantedAsync(http))
        {
            WarnOnceAboutProxy(http, services);
            return Results.Problem(
                detail: $"This sandbox needs its access token (header {SandboxAccess.TokenHeader}, or enter it once on /sandbox) or an operator sign-in ({OperatorPassPath}).",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Sandbox access needed",
                extensions: new Dictionary<string, object?> { ["access"] = "token", ["operatorSignIn"] = OperatorPassPath });
        }

        return await next(context);
    }

    private static IResult Off() => Results.Problem(
        detail: "The sandbox is off on this server.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>
    /// A sandbox listening on loopback only is open to everyone behind a proxy on this machine, unless it asks for access:
    /// said once, the first time it happens.
    /// </summary>
    private static void WarnOnceAboutProxy(HttpContext http, IServiceProvider services)
    {
        if (services.GetRequiredService<SandboxExposure>().ReachableFromOutside || Interlocked.Exchange(ref _warnedProxy, 1) == 1)
        {
            return;
        }

        services.GetRequiredService<ILoggerFactory>().CreateLogger<SandboxGate>().LogWarning(
            "A sandbox request came through a proxy or from another machine ({RemoteAddress}) while Parley listens on loopback only: it needs Parley:Sandbox:AccessToken or an operator sign-in. Set Parley:Sandbox:Enabled=false to turn the sandbox off.",
            http.Connection.RemoteIpAddress);
    }
}
