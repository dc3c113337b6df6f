namespace Parley.Core.Operators;

public enum SignInStatus
{
    Succeeded,
    /// <summary>Unknown email or wrong password (the two are not told apart).</summary>
    Failed,
    /// <summary>Too many failures: no password is checked until <see cref="SignInResult.LockedUntil"/>.</summary>
    LockedOut,
}
