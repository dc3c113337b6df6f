namespace Parley.Identity;

/// <summary>
/// One-time codes sent over WhatsApp: 6 random digits, stored as a keyed hash, short-lived, single use, few tries,
/// rate limited per number; delivered through the account that serves the number.
/// </summary>
public interface IOneTimeCodes
{
    Task<CodeRequestResult> RequestAsync(CodeRequest request, CancellationToken ct);

    /// <param name="phone">E.164: <c>+15550001111</c>.</param>
    Task<CodeCheckResult> VerifyAsync(string phone, string code, CancellationToken ct);

    /// <summary>As <see cref="VerifyAsync(string, string, CancellationToken)"/>, recording the web client's address in the audit.</summary>
    Task<CodeCheckResult> VerifyAsync(string phone, string code, string? clientIp, CancellationToken ct) => VerifyAsync(phone, code, ct);
}
