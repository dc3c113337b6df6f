namespace Parley.Identity.Codes;

/// <summary>Placeholder while Identity is built: the contract compiles; the implementation follows on this branch.</summary>
public sealed class OneTimeCodes : IOneTimeCodes
{
    public Task<CodeRequestResult> RequestAsync(CodeRequest request, CancellationToken ct) => throw new NotSupportedException("Not built yet.");

    public Task<CodeCheckResult> VerifyAsync(string phone, string code, CancellationToken ct) => throw new NotSupportedException("Not built yet.");
}
