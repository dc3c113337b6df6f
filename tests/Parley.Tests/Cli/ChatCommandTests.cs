namespace Parley.Tests.Cli;

/// <summary><c>chat</c> as a person or a script runs it: a process reading standard input.</summary>
public sealed class ChatCommandTests
{
    [Fact]
    public async Task Chat_PipedLines_GetTheAssistantsRepliesAndNumbersPickFromTheMenu()
    {
        var data = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, stdout, stderr) = await ParleyProcess.RunAsync(
                ["chat", "--from", "+15550009999", "--name", "Zoe", $"--Parley:DataDirectory={data}", "--Parley:Ai:BurstDelay=00:00:00"],
                stdin: "hello\nmenu\n2\n");

            exit.ShouldBe(0, stderr);
            stdout.ShouldContain("bot> Hi Zoe! 👋 I'm the assistant of this WhatsApp number.");
            stdout.ShouldContain("[2] What you can do");
            stdout.ShouldContain("bot> I answer questions from this business's knowledge base by quoting the passages that match");
            stderr.ShouldBeEmpty();
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Chat_WithAccount_TalksToThatBot()
    {
        var data = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, stdout, stderr) = await ParleyProcess.RunAsync(
                ["chat", "--account", "echo", "--from", "+15550009999", "--name", "Zoe", $"--Parley:DataDirectory={data}"],
                stdin: "hello\nhelp\n3\n");

            exit.ShouldBe(0, stderr);
            stdout.ShouldContain("Chatting with 'echo'");
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
