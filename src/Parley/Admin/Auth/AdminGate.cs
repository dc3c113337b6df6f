using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Parley.Core.Operators;

namespace Parley.Admin.Auth;

/// <summary>
/// The check inside every action of an open admin tab: the page's <c>[Authorize]</c> was evaluated when the tab opened,
/// so an action asks the database again whether its operator still exists with this session and role. A session that
/// no longer holds takes the tab to the sign-in page; a role that does not allow the action just refuses it.
/// </summary>
public sealed class AdminGate(AuthenticationStateProvider auth, OperatorStore operators, NavigationManager navigation)
{
    /// <summary>True when the tab's operator may do something that needs <paramref name="role"/> (null: any operator).</summary>
    public async Task<bool> AllowsAsync(string? role = null)
    {
        var user = (await auth.GetAuthenticationStateAsync()).User;
        var op = await operators.SessionAsync(user, fresh: true, CancellationToken.None);
        if (op is null)
        {
            navigation.NavigateTo("login?returnUrl=" + Uri.EscapeDataString(navigation.ToBaseRelativePath(navigation.Uri)), forceLoad: true);
            return false;
        }

        return role is null || op.Role == role;
    }
}
