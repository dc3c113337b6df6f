using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Parley.Channels.Sandbox;

/// <summary>
/// In front of every sandbox endpoint: 404 while the sandbox is off, 401 when the request needs the access token or a
/// pass and shows neither (see <see cref="SandboxAccess"/>). The problem's <c>access</c> field tells the page to ask for them.
/// </summary>
public sealed class SandboxGate(bool checkAccess) : IEndpointFilter
{
    /// <summary>Where a signed-in operator gets a pass (the admin maps it).</summary>
    public const string OperatorPassPath = "/admin/sandbox";

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
            access.WarnOnceIfProxied(http);
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
}
