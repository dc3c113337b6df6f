using Parley.Cli;

namespace Parley.Tests.Bots;

/// <summary><c>bots import FILE</c> through the CLI's own code path, then the server answering with what was imported.</summary>
public sealed class BotsImportCommandTests
{
    private const string Ana = "+15550001111";

    [Fact]
    public async Task Import_EditedExample_ChangesTheAnswer_AndSurvivesTheBuiltInSeedAtStart()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var yaml = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "examples", "ministry.yaml"));
        var edited = Path.Combine(database.DataDirectory, "ministry.yaml");
        await File.WriteAllTextAsync(edited, yaml.Replace("💳 CLABE: {{clabe_number}}", "💳 CLABE interbancaria (18 dígitos): {{clabe_number}}", StringComparison.Ordinal));

        var exit = await CliApp.RunAsync(["bots", "import", edited, .. Overrides(database)]);

        exit.ShouldBe(0);
        await using var app = TestApp.Start(database);
        var ministry = app.SandboxFor("ministry");
        await ministry.SendAsync(Ana, "quiero hacer un donativo");
        (await ministry.WaitForRepliesAsync(Ana, 2))[1].Text!.ShouldContain("CLABE interbancaria (18 dígitos): 012180001234567899");
    }

    [Fact]
    public async Task Import_BrokenFile_FailsWithExitCode1_AndWritesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var broken = Path.Combine(database.DataDirectory, "broken.yaml");
        await File.WriteAllTextAsync(broken, "bot: ministry\ntemplates:\n  - name: vea_x\n    language: es\n    body: \"{{nope}}\"\n");

        (await CliApp.RunAsync(["bots", "import", broken, .. Overrides(database)])).ShouldBe(1);
        (await CliApp.RunAsync(["bots", "import", Path.Combine(database.DataDirectory, "missing.yaml"), .. Overrides(database)])).ShouldBe(1);
    }

    private static string[] Overrides(TestDatabase database) =>
        [.. database.Settings().Select(s => $"--{s.Key}={s.Value}")];

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Parley.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (Parley.slnx) was not found.");
    }
}
