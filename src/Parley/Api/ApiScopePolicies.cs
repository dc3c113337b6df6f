using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Parley.Core.ApiKeys;

namespace Parley.Api;

/// <summary>One authorization policy per scope (<c>scope:read</c>, ...), each on the ApiKey scheme.</summary>
public static class ApiScopePolicies
{
    private const string Prefix = "scope:";

    public static string For(string scope) => Prefix + scope;

    public static string? ScopeOf(string? policy) =>
        policy is not null && policy.StartsWith(Prefix, StringComparison.Ordinal) ? policy[Prefix.Length..] : null;

    public static AuthorizationBuilder AddApiScopePolicies(this AuthorizationBuilder builder)
    {
        foreach (var scope in ApiScopes.All)
        {
            builder.AddPolicy(For(scope), p => p
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireAssertion(c => ApiScopes.Allows(c.User.FindAll(ApiKeyAuthenticationHandler.ScopeClaim).Select(x => x.Value), scope)));
        }

        return builder;
    }

    /// <summary>The endpoint needs an API key holding <paramref name="scope"/> (or <c>admin</c>).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(For(scope));

    /// <summary>Who made the request, for logs and "taken over by": the API key's name.</summary>
    public static string Actor(this ClaimsPrincipal user) => "api:" + (user.Identity?.Name ?? "unknown");
}
