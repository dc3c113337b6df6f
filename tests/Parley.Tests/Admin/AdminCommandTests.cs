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

    [Fact]
    public async Task AdminCreate_WithoutEmail_FailsWithUsage()
    {
        var (exit, _, stderr) = await ParleyProcess.RunAsync(["admin", "create"], stdin: "");

        exit.ShouldNotBe(0);
        stderr.ShouldContain("--email");
    }
}
