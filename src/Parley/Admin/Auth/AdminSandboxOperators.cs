using Parley.Channels.Sandbox;
using Parley.Core.Operators;

namespace Parley.Admin.Auth;

/// <summary>The sandbox's question "is this operator still signed in", answered like the admin cookie's check.</summary>
public sealed class AdminSandboxOperators(OperatorStore operators) : ISandboxOperatorCheck
{
    public async ValueTask<bool> IsSignedInAsync(long operatorId, string securityStamp, CancellationToken ct) =>
        await operators.FindSessionAsync(operatorId, securityStamp, fresh: false, ct) is not null;
}
