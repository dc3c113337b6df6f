using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Parley.Core.Operators;

namespace Parley.Admin.Auth;

/// <summary>The admin's sign-in: a cookie holding the operator's id, role and name, checked against the store on each request.</summary>
public static class AdminAuth
{
    public const string Scheme = "ParleyAdmin";

    public static ClaimsPrincipal Principal(Operator op) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, op.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, op.DisplayName),
            new Claim(ClaimTypes.Email, op.Email),
            new Claim(ClaimTypes.Role, op.Role),
        ],
        Scheme, ClaimTypes.Name, ClaimTypes.Role));

    public static long? OperatorId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>How the operator is named in logs and events (<c>operator:7</c>): no email in logs.</summary>
    public static string Actor(this ClaimsPrincipal user) => $"operator:{user.OperatorId()}";

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(OperatorRoles.Admin);

    /// <summary>A deleted operator is signed out at their next request; a changed role or name takes effect at once.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.OperatorId();
        var store = context.HttpContext.RequestServices.GetRequiredService<OperatorStore>();
        var op = id is null ? null : await store.FindAsync(id.Value, context.HttpContext.RequestAborted);
        if (op is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }

        if (!context.Principal!.IsInRole(op.Role) || context.Principal.Identity?.Name != op.DisplayName)
        {
            context.ReplacePrincipal(Principal(op));
            context.ShouldRenew = true;
        }
    }
}
