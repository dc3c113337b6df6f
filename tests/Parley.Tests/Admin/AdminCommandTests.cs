namespace Parley.Tests.Admin;

/// <summary><c>admin create</c> as an operator runs it: a process, the password on standard input or as an option.</summary>
public sealed class AdminCommandTests
{
    [Fact]
    public async Task AdminCreate_PasswordOnStandardInput_CreatesTheOperator_ThatCanThenBeListed()
    {
        var data = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, stdout, stderr) = await ParleyProcess.RunAsync(
                ["admin", "create", "--email", "Ops@Example.com", "--name", "Ops Person", "--role", "agent", $"--Parley:DataDirectory={data}"],
                stdin: "a long enough secret\n");

            exit.ShouldBe(0, stderr);
            stdout.ShouldContain("Created operator 1: ops@example.com (agent), Ops Person.");
            stdout.ShouldNotContain("a long enough secret");

            var again = await ParleyProcess.RunAsync(["admin", "create", "--email", "ops@example.com", "--password", "another long secret", $"--Parley:DataDirectory={data}"]);
            again.ExitCode.ShouldBe(1);
            again.StdErr.ShouldContain("exists already");

            var list = await ParleyProcess.RunAsync(["admin", "list", $"--Parley:DataDirectory={data}"]);
            list.ExitCode.ShouldBe(0, list.StdErr);
            list.StdOut.ShouldContain("ops@example.com\tagent\tOps Person");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task AdminCreate_ShortPassword_FailsWithAReason()
    {
        var data = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, _, stderr) = await ParleyProcess.RunAsync(["admin", "create", "--email", "x@example.com", "--password", "short", $"--Parley:DataDirectory={data}"]);

            exit.ShouldBe(1);
            stderr.ShouldContain("at least 8 characters");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Issue 17, item 2: a new password and "sign out everywhere" from the command line end the operator's sessions.</summary>
    [Fact]
    public async Task AdminPassword_AndAdminSignout_EndTheOperatorsSessions()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        string[] at = [$"--Parley:DataDirectory={database.DataDirectory}"];
        (await ParleyProcess.RunAsync(["admin", "create", "--email", "ops@example.com", "--password", "the first secret", .. at])).ExitCode.ShouldBe(0);
        var stamps = new List<string>();
        async Task<Parley.Core.Operators.Operator> ReadAsync()
        {
            await using var app = TestApp.Start(database);
            return (await app.Get<Parley.Core.Operators.OperatorStore>().FindByEmailAsync("ops@example.com"))!;
        }

        stamps.Add((await ReadAsync()).SecurityStamp);

        var changed = await ParleyProcess.RunAsync(["admin", "password", "--email", "ops@example.com", .. at], stdin: "the second secret\n");
        changed.ExitCode.ShouldBe(0, changed.StdErr);
        changed.StdOut.ShouldContain("their sessions have ended");
        stamps.Add((await ReadAsync()).SecurityStamp);
        await using (var app = TestApp.Start(database))
        {
            var store = app.Get<Parley.Core.Operators.OperatorStore>();
            (await store.SignInAsync("ops@example.com", "the first secret")).Status.ShouldBe(Parley.Core.Operators.SignInStatus.Failed);
            (await store.SignInAsync("ops@example.com", "the second secret")).Status.ShouldBe(Parley.Core.Operators.SignInStatus.Succeeded);
        }

        (await ParleyProcess.RunAsync(["admin", "signout", "--email", "ops@example.com", .. at])).ExitCode.ShouldBe(0);
        stamps.Add((await ReadAsync()).SecurityStamp);
        stamps.Distinct().Count().ShouldBe(3);

        var unknown = await ParleyProcess.RunAsync(["admin", "signout", "--email", "nobody@example.com", .. at]);
        unknown.ExitCode.ShouldBe(1);
        unknown.StdErr.ShouldContain("there is no operator nobody@example.com");
    }

    [Fact]
    public async Task AdminCreate_WithoutEmail_FailsWithUsage()
    {
        var (exit, _, stderr) = await ParleyProcess.RunAsync(["admin", "create"], stdin: "");

        exit.ShouldNotBe(0);
        stderr.ShouldContain("--email");
    }
}
