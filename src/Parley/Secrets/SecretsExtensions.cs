using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Parley.Core.Hosting;
using Parley.Core.Secrets;
using Parley.Core.Startup;

namespace Parley.Secrets;

public static class SecretsExtensions
{
    /// <summary>
    /// Secrets at rest: ASP.NET Core Data Protection with its key ring in the data directory (resolved when first needed,
    /// so test and CLI overrides apply; folder 0700, files 0600), behind Core's <see cref="ISecretProtector"/>. With
    /// <c>Parley:DataProtection:Certificate</c> (or <c>CertificateThumbprint</c>) the keys are encrypted to that certificate.
    /// </summary>
    public static IHostApplicationBuilder AddParleySecrets(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var dataProtection = services.AddDataProtection().SetApplicationName("Parley");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<ParleyOptions>, ILoggerFactory>((keys, parley, logs) =>
            keys.XmlRepository = new PrivateXmlRepository(new DirectoryInfo(Path.Combine(parley.Value.DataPath(), "keys")), logs));

        // The certificate is read here, where Data Protection wants it; a wrong setting is reported at start by the
        // validation below, with a sentence naming the key.
        services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyRingOptions>, KeyRingOptionsValidator>();
        var keyRing = builder.Configuration.GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>() ?? new KeyRingOptions();
        if (KeyRingCertificate.TryLoad(keyRing, out var certificate, out _) && certificate is not null)
        {
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.AddSingleton<IStartupTask, DataDirectoryCheck>();
        return builder;
    }
}
