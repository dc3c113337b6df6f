namespace Parley.Secrets;

/// <summary>
/// How the Data Protection key ring (which decrypts every stored secret) is itself protected at rest. Without a
/// certificate its keys are plain XML in <c>{DataDirectory}/keys</c>, guarded by the files' permissions only; with one,
/// each key is encrypted to the certificate, so a copy of the data directory alone (a backup, a stolen volume) reveals nothing.
/// </summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "Parley:DataProtection";

    /// <summary>A PKCS#12 file (<c>.pfx</c> / <c>.p12</c>) with the certificate and its private key (RSA).</summary>
    public string? Certificate { get; set; }

    /// <summary>The password of <see cref="Certificate"/>, if it has one.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Instead of a file: the thumbprint of a certificate with its private key in the current user's (or the machine's) "My" store.</summary>
    public string? CertificateThumbprint { get; set; }
}
