namespace Parley.Identity;

/// <summary>Why a code was not sent (<see cref="CodeRequestResult.Refused.Reason"/>).</summary>
public static class CodeRefusals
{
    /// <summary>The number is not a valid phone number.</summary>
    public const string InvalidPhone = "invalid_phone";

    /// <summary>Too many codes for this number (or from this client) in the window.</summary>
    public const string TooMany = "too_many";

    /// <summary>No account can send to this number (unknown account, none configured).</summary>
    public const string NoAccount = "no_account";

    /// <summary>The 24-hour window is closed and the account has no authentication template.</summary>
    public const string NeedsTemplate = "needs_template";

    /// <summary>The number may not be messaged (opted out, blocked) or the send was refused otherwise.</summary>
    public const string Undeliverable = "undeliverable";
}
