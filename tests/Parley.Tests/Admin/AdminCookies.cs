using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Parley.Admin.Auth;
using Parley.Core.Operators;

namespace Parley.Tests.Admin;

/// <summary>The admin sign-in cookie as the server issues it (same scheme, same protection), for HTTP-level tests.</summary>
internal static class AdminCookies
{
    public const string Name = "parley_admin";

    /// <summary>The <c>Cookie</c> header of a sign-in of <paramref name="op"/> as it is now.</summary>
    public static string For(TestApp app, Operator op) => For(app, AdminAuth.Principal(op));

    public static string For(TestApp app, ClaimsPrincipal principal)
    {
        var options = app.Get<IOptionsMonitor<CookieAuthenticationOptions>>().Get(AdminAuth.Scheme);
        var now = app.Get<TimeProvider>().GetUtcNow();
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(1) }, AdminAuth.Scheme);
        return $"{Name}={options.TicketDataFormat.Protect(ticket)}";
    }

    /// <summary>A client that does not follow redirects, so a refusal (302 to the sign-in page) can be seen.</summary>
    public static HttpClient NoRedirects(TestApp app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseUrl };
}
