namespace Parley.Identity;

/// <summary>The claims of a principal of the <c>ParleyIdentity</c> scheme.</summary>
public static class IdentityClaims
{
    /// <summary>The signed-in number, E.164 (also present as <see cref="System.Security.Claims.ClaimTypes.MobilePhone"/>).</summary>
    public const string Phone = "phone";

    /// <summary>Identity's id of the web session.</summary>
    public const string SessionId = "parley_session_id";
}
