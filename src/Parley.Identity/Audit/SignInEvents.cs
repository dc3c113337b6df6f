namespace Parley.Identity.Audit;

/// <summary>The audit's event names.</summary>
public static class SignInEvents
{
    public const string CodeSent = "code_sent";
    public const string CodeRefused = "code_refused";
    public const string Verified = "code_verified";
    public const string WrongCode = "code_wrong";
    public const string ExpiredCode = "code_expired";
    public const string DeadCode = "code_dead";
    public const string SignedIn = "signed_in";
    public const string NotAllowed = "not_allowed";
    public const string SignedOut = "signed_out";
    public const string Revoked = "revoked";

    public const string Web = "web";
    public const string Chat = "chat";
}
