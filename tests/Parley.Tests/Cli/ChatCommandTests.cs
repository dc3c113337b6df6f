using Parley.Testing;

namespace Parley.Tests.Cli;

/// <summary><c>chat</c> as a person or a script runs it: a process reading standard input.</summary>
public sealed class ChatCommandTests
{
    [Fact]
    public async Task Chat_PipedLines_GetTheBotsRepliesAndNumbersPickFromTheMenu()
    {
        var data = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, stdout, stderr) = await ParleyProcess.RunAsync(
                ["chat", "--from", "+15550009999", "--name", "Zoe", $"--Parley:DataDirectory={data}"],
                stdin: "hello\nhelp\n3\n");

            exit.ShouldBe(0, stderr);
            stdout.ShouldContain("bot> Hi Zoe! 👋 I'm Parley's demo bot.");
            stdout.ShouldContain("bot> You said: hello");
            stdout.ShouldContain("[3] What is Parley?");
            stdout.ShouldContain("bot> Parley is a self-hosted WhatsApp bot platform");
            stderr.ShouldBeEmpty();
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Chat_WithoutFrom_FailsWithUsage()
    {
        var (exit, _, stderr) = await ParleyProcess.RunAsync(["chat"]);

        exit.ShouldNotBe(0);
        stderr.ShouldContain("--from");
    }
}
