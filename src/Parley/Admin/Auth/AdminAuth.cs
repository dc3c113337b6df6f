using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Parley.Core.Operators;

namespace Parley.Admin.Auth;

/// <summary>
/// The admin's sign-in: a cookie holding the operator's id, role, name and security stamp. Every request checks it
/// against the store (<see cref="OperatorStore.FindSessionAsync"/>, remembered for a few seconds): a removed operator,
/// or a cookie from before a password change, a role change or "sign out everywhere", is refused and deleted.
/// </summary>
public static class AdminAuth
{
    public const string Scheme = "ParleyAdmin";

    /// <summary>The claim with <see cref="Operator.SecurityStamp"/>.</summary>
    public const string StampClaim = "parley:stamp";

    public static ClaimsPrincipal Principal(Operator op) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, op.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, op.DisplayName),
            new Claim(ClaimTypes.Email, op.Email),
            new Claim(ClaimTypes.Role, op.Role),
            new Claim(StampClaim, op.SecurityStamp),
        ],
        Scheme, ClaimTypes.Name, ClaimTypes.Role));

    public static long? OperatorId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static string? SecurityStamp(this ClaimsPrincipal user) => user.FindFirstValue(StampClaim);

    /// <summary>How the operator is named in logs and events (<c>operator:7</c>): no email in logs.</summary>
    public static string Actor(this ClaimsPrincipal user) => $"operator:{user.OperatorId()}";

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(OperatorRoles.Admin);

    /// <summary>The operator behind <paramref name="user"/> while their session holds, else null.</summary>
    public static ValueTask<Operator?> SessionAsync(this OperatorStore store, ClaimsPrincipal user, bool fresh, CancellationToken ct) =>
        user.OperatorId() is { } id ? store.FindSessionAsync(id, user.SecurityStamp(), fresh, ct) : ValueTask.FromResult<Operator?>(null);

    /// <summary>Cookie validation: a session that no longer holds is signed out; a changed name applies at once.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var store = context.HttpContext.RequestServices.GetRequiredService<OperatorStore>();
        var op = context.Principal is { } user ? await store.SessionAsync(user, fresh: false, context.HttpContext.RequestAborted) : null;
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
