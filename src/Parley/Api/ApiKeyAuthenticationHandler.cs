using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Parley.Core.ApiKeys;

namespace Parley.Api;

/// <summary>
/// The <c>ApiKey</c> authentication scheme: <c>Authorization: Bearer pk_live_…</c> (or <c>X-Api-Key</c>), checked against
/// <see cref="ApiKeyStore"/>. Challenges and refusals are answered as RFC 7807 problem details (401 and 403).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "parley:api_key_id";
    public const string ScopeClaim = "scope";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ReadKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var key = await keys.AuthenticateAsync(presented, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is unknown, malformed or revoked.");
        }

        var claims = new List<Claim>
        {
            new(KeyIdClaim, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, key.Name),
        };
        claims.AddRange(key.Scopes.Select(s => new Claim(ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"parley\"";
        var presented = ReadKey(Request) is not null;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "API key required",
                Detail = presented
                    ? "The API key is unknown, malformed or revoked."
                    : "Send an API key as 'Authorization: Bearer <key>'. Create one with: dotnet run --project src/Parley -- apikeys create --name NAME",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var granted = Context.User.FindAll(ScopeClaim).Select(c => c.Value).ToList();
        var required = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(a => ApiScopePolicies.ScopeOf(a.Policy)).OfType<string>()
            .Where(s => !ApiScopes.Allows(granted, s)).Distinct().ToList() ?? [];
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Scope missing",
                Detail = required.Count == 0
                    ? "This API key may not use this endpoint."
                    : $"This API key lacks the scope '{string.Join("', '", required)}' (it has: {string.Join(", ", granted)}).",
                Extensions = { ["requiredScopes"] = required },
            },
        });
    }

    private static string? ReadKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        var apiKey = request.Headers["X-Api-Key"].ToString();
        return apiKey.Length > 0 ? apiKey.Trim() : null;
    }
}
