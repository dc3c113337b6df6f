namespace Parley.Identity;

/// <summary>
/// Decides who may sign in to a realm: a module registers one per realm
/// (<c>services.AddSingleton&lt;IIdentityResolver, MyResolver&gt;()</c>). Identity only proves control of the number.
/// </summary>
public interface IIdentityResolver
{
    /// <summary>The realm this resolver answers for: <c>resort-guest</c>, <c>clinic</c>.</summary>
    string Realm { get; }

    /// <summary>The subject the number belongs to in this realm; null when this number may not sign in here.</summary>
    /// <param name="phone">E.164: <c>+15550001111</c>.</param>
    Task<IdentitySubject?> ResolveAsync(string phone, CancellationToken ct);
}
