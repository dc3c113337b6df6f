namespace Parley.Identity;

/// <summary>Authorization policies for pages and routes that need a person signed in with a code.</summary>
public static class IdentityPolicies
{
    /// <summary>A live web session (cookie <c>parley_session</c> or <c>Authorization: Bearer</c>) of the <c>ParleyIdentity</c> scheme.</summary>
    public const string SignedIn = "parley-identity-signed-in";
}
