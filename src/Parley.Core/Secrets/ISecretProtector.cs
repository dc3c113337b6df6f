namespace Parley.Core.Secrets;

/// <summary>
/// Encrypts the secrets Parley keeps in its database (account credentials, webhook signing secrets) so a copy of the
/// database alone reveals none. The host implements it with ASP.NET Core Data Protection and its key ring.
/// </summary>
public interface ISecretProtector
{
    /// <param name="purpose">What the secret is for (<c>Parley.Accounts.Secrets.v1</c>): a text protected for one purpose cannot be read for another.</param>
    string Protect(string purpose, string plaintext);

    /// <summary>Decrypts what <see cref="Protect"/> made; throws <see cref="System.Security.Cryptography.CryptographicException"/> when it cannot (another key ring, tampered text).</summary>
    string Unprotect(string purpose, string protectedText);
}
