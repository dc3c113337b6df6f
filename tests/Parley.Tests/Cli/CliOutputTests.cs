namespace Parley.Tests.Cli;

/// <summary>
/// What the commands print when their output goes to a pipe or a file (as in these tests): tab-separated tables that
/// never wrap, sentences for people on standard error, errors that say what is wrong in words (issue 20).
/// </summary>
public sealed class CliOutputTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<CliRun> RunAsync(params string[] args)
    {
        var (exit, stdout, stderr) = await ParleyProcess.RunAsync([.. args, $"--Parley:DataDirectory={_database.DataDirectory}"], timeout: TimeSpan.FromSeconds(90));
        return new CliRun(exit, stdout, stderr);
    }

    [Fact]
    public async Task AListPiped_IsTabSeparated_OneLinePerRow_EvenForLongValues()
    {
        // Regression: piped, the boxed table wrapped at 80 columns and split an API key prefix mid-word.
        var name = "the nightly export job of the accounting system, which needs a long name";
        (await RunAsync("apikeys", "create", "--name", name)).ExitCode.ShouldBe(0);

        var list = await RunAsync("apikeys", "list");

        list.ExitCode.ShouldBe(0, list.ToString());
        list.Lines.Count.ShouldBe(2, list.ToString());
        list.Lines[0].Split('\t').ShouldBe(["Id", "Name", "Prefix", "Scopes", "Created", "Last used", "State"]);
        var row = list.Lines[1].Split('\t');
        row[1].ShouldBe(name);
        row[2].ShouldMatch("^[a-z0-9]{12}$");
        list.Stdout.ShouldNotContain("│");
        list.Stdout.ShouldNotContain("\u001b[");
    }

    [Fact]
    public async Task EveryListCommand_UsesTheSameTabSeparatedForm()
    {
        (await RunAsync("webhooks", "add", "--url", "https://crm.example.com/hook")).ExitCode.ShouldBe(0);
        (await ParleyProcess.RunAsync(["admin", "create", "--email", "ops@example.com", $"--Parley:DataDirectory={_database.DataDirectory}"], stdin: "a long enough secret\n")).ExitCode.ShouldBe(0);

        foreach (var (args, header) in new (string[], string)[]
        {
            (["accounts", "list"], "Id\tProvider\tBot\tEnabled\tSource\tSettings\tSecrets set"),
            (["webhooks", "list"], "Id\tURL\tEvents\tEnabled\tDescription"),
            (["admin", "list"], "Id\tEmail\tRole\tName\tLast sign-in\tLocked until"),
            (["bots", "list"], "Name\tKind\tDefault\tDescription"),
        })
        {
            var run = await RunAsync(args);
            run.ExitCode.ShouldBe(0, run.ToString());
            run.Lines[0].ShouldBe(header, run.ToString());
            run.Lines.Skip(1).ShouldAllBe(l => l.Split('\t', StringSplitOptions.None).Length == header.Split('\t', StringSplitOptions.None).Length);
        }
    }

    [Fact]
    public async Task Monitor_WithoutFailures_PrintsNoPlaceholderRow()
    {
        // Regression: "- none 0" was printed as if it were a failure reason.
        var run = await RunAsync("monitor");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("# Failures by reason\nCode\tReason\tCount\n\n");
        run.Stdout.ShouldNotContain("none\t0");
        run.Lines[0].ShouldContain($"sqlite:{Path.Combine(_database.DataDirectory, "parley.db")}");
    }

    [Fact]
    public async Task ValidateConfig_NamesTheKey_NotTheOptionsClass()
    {
        // Regression: "DataAnnotation validation failed for 'WorkerOptions' members: 'Concurrency' with the error: …".
        var run = await RunAsync("validate-config", "--Parley:Workers:Concurrency=0");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.ErrorLines.ShouldBe(["error: Parley:Workers:Concurrency must be between 1 and 1024 (it is '0')."]);

        var word = await RunAsync("validate-config", "--Parley:Workers:LeaseDuration=soon");
        word.ExitCode.ShouldBe(1);
        word.ErrorLines[0].ShouldStartWith("error: Parley:Workers:LeaseDuration must be a duration like 00:05:00");
    }

    [Fact]
    public async Task TheServer_WithAWrongSetting_StopsWithOneLineNamingTheKey()
    {
        var run = await RunAsync("--Parley:Workers:Concurrency=0", "--urls=http://127.0.0.1:0");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Stderr.ShouldContain("error: Parley:Workers:Concurrency must be between 1 and 1024");
        run.Stderr.ShouldNotContain("   at ");
        run.Stderr.ShouldNotContain("DataAnnotation");
    }

    [Fact]
    public async Task AnUnknownCommand_SaysSoOnItsFirstLine_AndSuggestsTheClosest()
    {
        var run = await RunAsync("moniter");

        run.ExitCode.ShouldBe(2);
        run.ErrorLines[0].ShouldBe("usage: unknown command 'moniter'. Did you mean 'monitor'?");
        run.Stderr.ShouldNotContain("Required command was not provided");

        var sub = await RunAsync("apikeys", "lst");
        sub.ExitCode.ShouldBe(2);
        sub.ErrorLines[0].ShouldBe("usage: unknown command 'apikeys lst'. Did you mean 'apikeys list'?");
    }

    [Fact]
    public async Task AMistypedOption_IsAUsageError_NotASettingNobodyReads()
    {
        var run = await RunAsync("apikeys", "list", "--formt", "json");

        run.ExitCode.ShouldBe(2, run.ToString());
        run.ErrorLines[0].ShouldBe("usage: unknown option '--formt'. Did you mean '--format'?");
        (await RunAsync("apikeys", "list", "--Parley:Api:RateLimit:PermitLimit=10")).ExitCode.ShouldBe(0); // an override stays one
    }

    [Fact]
    public async Task AValueOfTheWrongKind_IsSaidInWords()
    {
        var run = await RunAsync("monitor", "--hours", "abc");

        run.ExitCode.ShouldBe(2);
        run.ErrorLines[0].ShouldBe("usage: --hours takes a whole number, not 'abc'.");
        run.Stderr.ShouldNotContain("System.Int32");
    }

    [Fact]
    public async Task Help_ShowsWhatIsTyped_WithoutSystemCommandLinesPlaceholders()
    {
        var run = await RunAsync("apikeys", "list", "--help");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldNotContain("additional arguments");
        run.Stdout.ShouldNotContain("[[--]");
        // These tests run the dll through the dotnet host, so that is what is typed here.
        run.Stdout.ShouldContain("Usage:\n  dotnet Parley.dll apikeys list [options] [--Key=value…]");
        run.Stdout.ShouldContain("--format <json|table>");

        var revoke = await RunAsync("apikeys", "revoke", "--help");
        revoke.ExitCode.ShouldBe(0, revoke.ToString());
        revoke.Stdout.ShouldContain("dotnet Parley.dll apikeys revoke <key>");
    }
}
