namespace Parley.Identity.Web;

/// <summary>The answer to a code request: the code (if the number may sign in) is on its way.</summary>
public sealed record OtpAccepted(string Message, DateTimeOffset ExpiresAt);
