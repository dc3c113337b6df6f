using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;
using Parley.Core.Operators;

namespace Parley.Admin.Auth;

/// <summary>
/// The sign-in of an open admin tab (an interactive circuit), checked again every
/// <see cref="AdminOptions.RevalidationInterval"/>: when the operator was removed, or their sessions ended (password or
/// role changed, "sign out everywhere"), the tab becomes signed out and <see cref="SignedInWatch"/> takes it to the sign-in page.
/// </summary>
public sealed class AdminAuthenticationStateProvider(ILoggerFactory logs, IOptions<AdminOptions> options, OperatorStore operators)
    : RevalidatingServerAuthenticationStateProvider(logs)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = authenticationState.User;
        var op = await operators.SessionAsync(user, fresh: true, cancellationToken);
        return op is not null && user.IsInRole(op.Role);
    }
}
