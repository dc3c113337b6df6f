namespace Parley.Core.Operators;

public enum SignInStatus
{
    Succeeded,

    /// <summary>
    /// Unknown email, wrong password, or an account still waiting out its delay after repeated failures: the three get
    /// the same answer after the same work (one password hash), so an answer tells nobody whether an account exists.
    /// </summary>
    Failed,

    /// <summary>Too many failures from this client's network: nothing was checked; <see cref="SignInResult.RetryAfter"/> says when to try again.</summary>
    Throttled,
}
