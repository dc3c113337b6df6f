using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Parley.Secrets;

/// <summary>Loads the certificate of <see cref="KeyRingOptions"/>, or says in one sentence naming the setting why it cannot.</summary>
public static class KeyRingCertificate
{
    /// <summary>False with <paramref name="error"/> when a certificate is configured but unusable; true with null when none is configured.</summary>
    public static bool TryLoad(KeyRingOptions options, out X509Certificate2? certificate, out string? error)
    {
        certificate = null;
        error = null;
        var path = options.Certificate?.Trim();
        var thumbprint = options.CertificateThumbprint?.Replace(" ", "", StringComparison.Ordinal).Trim();
        if (string.IsNullOrEmpty(path) && string.IsNullOrEmpty(thumbprint))
        {
            return true;
        }

        if (!string.IsNullOrEmpty(path) && !string.IsNullOrEmpty(thumbprint))
        {
            error = $"Set either {KeyRingOptions.SectionName}:Certificate or {KeyRingOptions.SectionName}:CertificateThumbprint, not both.";
            return false;
        }

        certificate = string.IsNullOrEmpty(path) ? FromStore(thumbprint!, out error) : FromFile(path, options.CertificatePassword, out error);
        if (certificate is null)
        {
            return false;
        }

        var setting = string.IsNullOrEmpty(path) ? "CertificateThumbprint" : "Certificate";
        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is not { } key)
        {
            error = $"{KeyRingOptions.SectionName}:{setting} must be a certificate with its RSA private key (the key ring is encrypted to it and decrypted with it).";
            certificate.Dispose();
            certificate = null;
            return false;
        }

        key.Dispose();
        return true;
    }

    private static X509Certificate2? FromFile(string path, string? password, out string? error)
    {
        error = null;
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            error = $"{KeyRingOptions.SectionName}:Certificate '{full}' does not exist.";
            return null;
        }

        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(full, password);
        }
        catch (CryptographicException ex)
        {
            error = $"{KeyRingOptions.SectionName}:Certificate '{full}' could not be read as a PKCS#12 (.pfx) file with {KeyRingOptions.SectionName}:CertificatePassword: {ex.Message}";
            return null;
        }
    }

    private static X509Certificate2? FromStore(string thumbprint, out string? error)
    {
        error = null;
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            try
            {
                using var store = new X509Store(StoreName.My, location);
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
                if (found.Count > 0)
                {
                    return found[0];
                }
            }
            catch (CryptographicException)
            {
                // That store does not exist here (LocalMachine/My on Linux): look in the next.
            }
        }

        error = $"{KeyRingOptions.SectionName}:CertificateThumbprint '{thumbprint}' is in neither the current user's nor the machine's \"My\" certificate store.";
        return null;
    }
}
