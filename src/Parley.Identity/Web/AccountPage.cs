using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Parley.Identity.Web;

/// <summary>
/// Identity's own sign-in page at <c>/account</c>: a number, a code from WhatsApp, then the web session as the
/// <c>parley_session</c> cookie; it shows the signed-in number (from <c>GET /api/v1/auth/me</c>) and signs out.
/// </summary>
public static class AccountPage
{
    public const string Path = "/account";

    private const string Policy = "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'";

    public static IEndpointRouteBuilder MapAccountPage(this IEndpointRouteBuilder app)
    {
        var page = app.MapGroup(Path).ExcludeFromDescription().RequireRateLimiting(IdentityRateLimitPolicy.Name);
        page.MapGet("", (HttpContext http) => Resource(http, "account.html", "text/html; charset=utf-8"));
        page.MapGet("/account.js", (HttpContext http) => Resource(http, "account.js", "text/javascript; charset=utf-8"));
        return app;
    }

    private static IResult Resource(HttpContext http, string name, string contentType)
    {
        http.Response.Headers.ContentSecurityPolicy = Policy;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-store";
        var stream = typeof(AccountPage).Assembly.GetManifestResourceStream("Parley.Identity.Web." + name)
            ?? throw new InvalidOperationException($"The page resource {name} is missing from Parley.Identity.");
        return Results.Stream(stream, contentType);
    }
}
