using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Parley.Testing;

/// <summary>A self-signed TLS certificate made at test time and written as PEM files (for localhost, 127.0.0.1 and any extra names).</summary>
public sealed record TestCertificate(string CertificatePath, string KeyPath)
{
    /// <summary>The certificate itself, for a client that trusts exactly this one.</summary>
    public X509Certificate2 Load() => X509Certificate2.CreateFromPem(File.ReadAllText(CertificatePath));

    public static TestCertificate Create(string directory, params string[] hostNames)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        foreach (var name in hostNames)
        {
            names.AddDnsName(name);
        }

        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        // Fixed validity (2020 to 2100): no clock involved, and valid whenever the test runs.
        using var certificate = request.CreateSelfSigned(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Directory.CreateDirectory(directory);
        var result = new TestCertificate(Path.Combine(directory, "cert.pem"), Path.Combine(directory, "key.pem"));
        File.WriteAllText(result.CertificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(result.KeyPath, key.ExportPkcs8PrivateKeyPem());
        return result;
    }
}
