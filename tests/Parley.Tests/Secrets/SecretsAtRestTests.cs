using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Secrets;

namespace Parley.Tests.Secrets;

/// <summary>
/// Issue 17, item 8: the data directory is private and the key ring can be encrypted with a certificate.
/// Regression: the data directory, the SQLite file, the key ring and stored media were readable by every user of the machine.
/// </summary>
public sealed class SecretsAtRestTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = Private | UnixFileMode.UserExecute;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task AFreshStart_CreatesTheDataDirectory_AndEveryFileInIt_ForParleysUserOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes; on Windows the folder's ACL applies
        }

        var data = Path.Combine(_root, "data");
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Parley:DataDirectory"] = data,
            ["ConnectionStrings:Parley"] = "", // the default: parley.db in the data directory
        });

        // A message with a file (media), its reply (the database in WAL mode), and a secret (the key ring).
        await app.Sandbox.SendFileAsync("+15550001111", [1, 2, 3, 4], "note.txt", "text/plain", "a file");
        await app.Sandbox.WaitForRepliesAsync("+15550001111", 1);
        app.Get<ISecretProtector>().Protect("test", "a secret");

        File.GetUnixFileMode(data).ShouldBe(PrivateFolder);
        foreach (var folder in Directory.EnumerateDirectories(data, "*", SearchOption.AllDirectories))
        {
            File.GetUnixFileMode(folder).ShouldBe(PrivateFolder, folder);
        }

        var files = Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).ToList();
        files.ShouldContain(f => f.EndsWith("parley.db", StringComparison.Ordinal));
        files.ShouldContain(f => f.EndsWith("parley.db-wal", StringComparison.Ordinal));
        files.ShouldContain(f => f.EndsWith("parley.db-shm", StringComparison.Ordinal));
        files.ShouldContain(f => f.Contains($"{Path.DirectorySeparatorChar}keys{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        files.ShouldContain(f => f.Contains($"{Path.DirectorySeparatorChar}media{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var file in files)
        {
            File.GetUnixFileMode(file).ShouldBe(Private, file);
        }
    }

    [Fact]
    public async Task AnOlderDataDirectory_OpenToOthers_IsMadePrivateAtStart()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes; on Windows the folder's ACL applies
        }

        var data = Path.Combine(_root, "data");
        var open = PrivateFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        Directory.CreateDirectory(data, open);
        File.SetUnixFileMode(data, open); // whatever the umask took away
        var db = Path.Combine(data, "parley.db");
        await File.WriteAllBytesAsync(db, []);
        File.SetUnixFileMode(db, Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Parley:DataDirectory"] = data,
            ["ConnectionStrings:Parley"] = "",
        });
        await app.Sandbox.SendAsync("+15550001111", "hola");

        File.GetUnixFileMode(data).ShouldBe(PrivateFolder);
        File.GetUnixFileMode(db).ShouldBe(Private);
    }

    [Fact]
    public async Task AKeyRingEncryptedWithACertificate_IsNotPlainXml_AndStillDecryptsAccountSecretsAfterARestart()
    {
        var data = Path.Combine(_root, "data");
        var (certificate, password) = CreateCertificate();
        string[] args = [$"--Parley:DataDirectory={data}", $"--Parley:DataProtection:Certificate={certificate}", $"--Parley:DataProtection:CertificatePassword={password}"];

        await using (var first = ParleyApp.Build(args))
        {
            await first.Services.GetRequiredService<Migrator>().MigrateAsync();
            await first.Services.GetRequiredService<AccountStore>().UpsertAsync(new Account("crm", "meta")
            {
                Secrets = new Dictionary<string, string> { ["AccessToken"] = "EAAG-very-secret" },
            });
        }

        var keys = Directory.GetFiles(Path.Combine(data, "keys"), "*.xml");
        keys.ShouldNotBeEmpty();
        foreach (var key in keys)
        {
            var xml = await File.ReadAllTextAsync(key);
            xml.ShouldContain("<EncryptedData");
            xml.ShouldNotContain("<value>"); // where an unencrypted key keeps its secret
        }

        await using (var restarted = ParleyApp.Build(args))
        {
            var account = await restarted.Services.GetRequiredService<AccountStore>().FindAsync("crm");
            account!.Secret("AccessToken").ShouldBe("EAAG-very-secret");
        }

        // Without the certificate the same data directory gives nothing away.
        await using var without = ParleyApp.Build([$"--Parley:DataDirectory={data}"]);
        await Should.ThrowAsync<CryptographicException>(() => without.Services.GetRequiredService<AccountStore>().FindAsync("crm"));
    }

    [Fact]
    public async Task ACertificateThatCannotBeUsed_StopsTheStart_NamingTheSetting()
    {
        var data = Path.Combine(_root, "data");
        var missing = Path.Combine(_root, "nope.pfx");
        await using var app = ParleyApp.Build([$"--Parley:DataDirectory={data}", $"--Parley:DataProtection:Certificate={missing}", "--urls=http://127.0.0.1:0"]);

        var ex = await Should.ThrowAsync<OptionsValidationException>(() => app.StartAsync());

        ex.Message.ShouldContain($"Parley:DataProtection:Certificate '{missing}' does not exist.");
    }

    /// <summary>A self-signed RSA certificate with its key, as a password-protected .pfx the test writes.</summary>
    private (string Path, string Password) CreateCertificate()
    {
        Directory.CreateDirectory(_root);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Parley key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddYears(1));
        var path = System.IO.Path.Combine(_root, "keyring.pfx");
        const string password = "pfx password";
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return (path, password);
    }
}
