using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Parley.Core.Hosting;
using Parley.Core.Secrets;

namespace Parley.Secrets;

public static class SecretsExtensions
{
    /// <summary>
    /// Secrets at rest: ASP.NET Core Data Protection with its key ring in the data directory (resolved when first needed,
    /// so test and CLI overrides apply), behind Core's <see cref="ISecretProtector"/>.
    /// </summary>
    public static IHostApplicationBuilder AddParleySecrets(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddDataProtection().SetApplicationName("Parley");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<ParleyOptions>, ILoggerFactory>((keys, parley, logs) =>
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(parley.Value.DataPath(), "keys")), logs));
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        return builder;
    }
}
