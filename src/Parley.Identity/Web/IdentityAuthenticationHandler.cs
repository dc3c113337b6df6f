using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Parley.Identity.Web;

/// <summary>
/// The <c>ParleyIdentity</c> scheme: a web session token from the <c>parley_session</c> cookie or
/// <c>Authorization: Bearer ps_…</c>, checked against <see cref="IWebSessions"/>. The principal carries the phone.
/// </summary>
public sealed class IdentityAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IWebSessions sessions,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var session = await sessions.FindAsync(token, Context.RequestAborted);
        if (session is null)
        {
            return AuthenticateResult.Fail("The session is unknown, expired or signed out.");
        }

        var claims = new List<Claim>
        {
            new(IdentityClaims.Phone, session.Phone),
            new(ClaimTypes.MobilePhone, session.Phone),
            new(ClaimTypes.NameIdentifier, session.Phone),
            new(IdentityClaims.SessionId, session.Id.ToString(CultureInfo.InvariantCulture)),
        };
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, IdentityAuthentication.Scheme, IdentityClaims.Phone, null));
        // The session slid (FindAsync moved its end): the cookie's end moves with it.
        if (session.LastSeenAt >= TimeProvider.GetUtcNow() && Request.Cookies.ContainsKey(IdentityAuthentication.CookieName)
            && !Response.HasStarted && token == Request.Cookies[IdentityAuthentication.CookieName])
        {
            SessionCookie.Write(Context, token, session.ExpiresAt);
        }

        var properties = new AuthenticationProperties { ExpiresUtc = session.ExpiresAt, IssuedUtc = session.StartedAt };
        return AuthenticateResult.Success(new AuthenticationTicket(principal, properties, IdentityAuthentication.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"parley-identity\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Sign-in required",
                Detail = ReadToken(Request) is null
                    ? "Sign in with a code sent to your WhatsApp: POST /api/v1/auth/otp, then POST /api/v1/auth/otp/verify."
                    : "The session is unknown, expired or signed out; sign in again.",
            },
        });
    }

    /// <summary>The session token of the request: the bearer token when it is a session token, else the cookie.</summary>
    public static string? ReadToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var bearer = header["Bearer ".Length..].Trim();
            if (bearer.StartsWith(IdentityAuthentication.TokenPrefix, StringComparison.Ordinal))
            {
                return bearer;
            }
        }

        return request.Cookies.TryGetValue(IdentityAuthentication.CookieName, out var cookie) && cookie.Length > 0 ? cookie : null;
    }
}
