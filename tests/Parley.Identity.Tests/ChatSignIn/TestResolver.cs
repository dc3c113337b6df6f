namespace Parley.Identity.Tests.ChatSignIn;

/// <summary>A realm with one registered number, as a product module's resolver would answer.</summary>
public sealed class TestResolver(string realm, string phone, IdentitySubject subject) : IIdentityResolver
{
    public string Realm => realm;

    public Task<IdentitySubject?> ResolveAsync(string candidate, CancellationToken ct) =>
        Task.FromResult(candidate == phone ? subject : null);
}
