using Parley.Cli;

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
    public async Task Chat_ShowsTheRecentThreadOnConnect_WithEveryLineIndentedUnderItsSpeaker()
    {
        var data = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"));
        try
        {
            string[] args = ["chat", "--account", "echo", "--from", "+15550008888", "--name", "Ana", $"--Parley:DataDirectory={data}"];
            var first = await ParleyProcess.RunAsync(args, stdin: "hello\n");
            first.ExitCode.ShouldBe(0, first.StdErr);

            var second = await ParleyProcess.RunAsync(args, stdin: "again\n");

            second.ExitCode.ShouldBe(0, second.StdErr);
            var lines = second.StdOut.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            var earlier = lines.IndexOf("(earlier in this conversation)");
            var now = lines.IndexOf("(now)");
            earlier.ShouldBeGreaterThan(0, second.StdOut);
            now.ShouldBeGreaterThan(earlier, second.StdOut);
            lines[earlier + 1].ShouldBe("you> hello");
            lines[(earlier + 1)..now].ShouldContain("bot> You said: hello");
            // A reply of several lines: the first after the speaker, the others under it, blank lines left blank.
            lines[(earlier + 1)..now].ShouldContain("     Type *help* for the menu.");
            lines.ShouldNotContain(l => l.Length > 0 && l.Trim().Length == 0);
            lines[now..].ShouldContain("bot> You said: again");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void AMessageOfSeveralLines_IsIndentedUnderItsSpeaker()
    {
        ChatSession.Format("bot> ", "Hola\r\n\nElige:\n[1] Sí").ShouldBe("bot> Hola\n\n     Elige:\n     [1] Sí");
    }

    [Fact]
    public async Task AtATerminal_ThePromptIsShown_AndDrawnAgainUnderEachReply()
    {
        await using var app = TestApp.Start(await TestDatabase.CreateAsync(DatabaseKind.Sqlite), ownsDatabase: true);
        var session = new ChatSession(app.Client, "echo", "+15550007777", "Eva") { Prompt = true };
        var output = new StringWriter();

        await session.RunAsync(new StringReader("hello\n/quit\n"), output, CancellationToken.None);

        var text = output.ToString();
        text.ShouldContain("\nyou> ");
        // A reply clears the prompt's line first, then the prompt comes back below it.
        text.ShouldContain("\r\u001b[Kbot> You said: hello");
        text.TrimEnd().ShouldEndWith("you>");
    }

    [Fact]
    public async Task Chat_WithoutFrom_FailsWithUsage()
    {
        var (exit, _, stderr) = await ParleyProcess.RunAsync(["chat"]);

        exit.ShouldNotBe(0);
        stderr.ShouldContain("--from");
    }
}
