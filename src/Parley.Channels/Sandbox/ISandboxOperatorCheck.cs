namespace Parley.Channels.Sandbox;

/// <summary>
/// Whether an operator's sign-in still holds (the admin implements it), so a sandbox pass given to a signed-in operator
/// ends with their sessions: when they are removed, change their password or role, or sign out everywhere.
/// </summary>
public interface ISandboxOperatorCheck
{
    ValueTask<bool> IsSignedInAsync(long operatorId, string securityStamp, CancellationToken ct);
}
