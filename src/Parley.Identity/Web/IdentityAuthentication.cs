namespace Parley.Identity.Web;

/// <summary>The <c>ParleyIdentity</c> authentication scheme's names.</summary>
public static class IdentityAuthentication
{
    public const string Scheme = "ParleyIdentity";

    /// <summary>The session cookie Parley's own pages use.</summary>
    public const string CookieName = "parley_session";

    /// <summary>Every session token starts with it, so it is told from an API key (<c>pk_live_</c>) at a glance.</summary>
    public const string TokenPrefix = "ps_";
}
