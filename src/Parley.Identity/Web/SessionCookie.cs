using System.Net;
using Microsoft.AspNetCore.Http;

namespace Parley.Identity.Web;

/// <summary>
/// The <c>parley_session</c> cookie: HttpOnly (scripts cannot read it), SameSite=Lax (not sent with cross-site posts, but
/// a link from a WhatsApp message still opens the page signed in), Secure unless the page is served from loopback
/// (<c>localhost</c> development), and persistent until the session's end.
/// </summary>
public static class SessionCookie
{
    public static void Write(HttpContext context, string token, DateTimeOffset expires) =>
        context.Response.Cookies.Append(IdentityAuthentication.CookieName, token, Options(context, expires));

    public static void Delete(HttpContext context) =>
        context.Response.Cookies.Delete(IdentityAuthentication.CookieName, Options(context, null));

    private static CookieOptions Options(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = context.Request.IsHttps || !IsLoopback(context.Request.Host.Host),
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
