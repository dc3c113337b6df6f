using Microsoft.Extensions.Options;
using Parley.Cli;

namespace Parley.Tests.Ai;

[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;

/// <summary><c>ai test</c> and <c>kb add|list|remove</c>, run as the CLI runs them, with the console captured.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class AiCliTests
{
    [Fact]
    public async Task AiTest_ReportsTheAnswerLatencyAndTokens()
    {
        await using var fake = await FakeOpenAi.StartAsync(requiredKey: "sk-cli");
        await using var db = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);

        var (code, output, error) = await RunAsync(db, "ai", "test", "--Parley:Ai:Provider=openai-compatible", $"--Parley:Ai:BaseUrl={fake.BaseUrl}",
            "--Parley:Ai:ApiKey=sk-cli", "--Parley:Ai:Model=cli-model", "--Parley:Ai:EmbeddingModel=cli-embed");

        error.ShouldBeEmpty();
        code.ShouldBe(0);
        output.ShouldContain("Model:      cli-model");
        output.ShouldContain("Answer:     Fake answer to: Reply with one short sentence saying which model you are.");
        output.ShouldMatch(@"Latency:\s+\d+ ms");
        output.ShouldMatch(@"Tokens:\s+\d+ in, 13 out, \d+ total");
        output.ShouldContain("Embeddings: cli-embed, 512 dimensions");
        output.ShouldNotContain("sk-cli");
    }

    [Fact]
    public async Task AiTest_ReportsTheProvidersError_WithExitCode1()
    {
        await using var fake = await FakeOpenAi.StartAsync(requiredKey: "right-key");
        await using var db = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);

        var (code, _, error) = await RunAsync(db, "ai", "test", "--Parley:Ai:Provider=openai", $"--Parley:Ai:BaseUrl={fake.BaseUrl}",
            "--Parley:Ai:ApiKey=wrong-key", "--Parley:Ai:Model=m", "--Parley:Ai:EmbeddingModel=none");

        code.ShouldBe(1);
        error.ShouldStartWith("error: openai failed: Unauthorized (HTTP 401)");
        error.ShouldNotContain("wrong-key");
    }

    [Fact]
    public async Task AiTest_Offline_ExplainsThereIsNoModel()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);

        var (code, _, error) = await RunAsync(db, "ai", "test");

        code.ShouldBe(1);
        error.ShouldStartWith("error: Parley:Ai:Provider is 'offline', so there is no model to test");
    }

    [Fact]
    public async Task Kb_AddListRemove()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var file = Path.Combine(db.DataDirectory, "faq.md");
        await File.WriteAllTextAsync(file, "# Bakery FAQ\n\n## Opening hours\n\nWe open every day from 7 to 19.\n\n## Cakes\n\nOrder cakes two days ahead.\n");

        var (added, addOutput, addError) = await RunAsync(db, "kb", "add", file, "--account", "sandbox");
        WithoutNotes(addError).ShouldBeEmpty();
        added.ShouldBe(0);
        addOutput.ShouldStartWith("Added document 1 'Bakery FAQ' (markdown, 2 passages, ");
        addOutput.ShouldContain("for account 'sandbox'.");

        var (_, list, _) = await RunAsync(db, "kb", "list");
        list.ShouldContain("Bakery FAQ");
        list.ShouldContain("faq.md");

        var (removed, removeOutput, _) = await RunAsync(db, "kb", "remove", "1");
        removed.ShouldBe(0);
        removeOutput.ShouldContain("Removed document 1.");
        var empty = await RunAsync(db, "kb", "list");
        (empty.Output + empty.Error).ShouldContain($"No documents in sqlite:{Path.Combine(db.DataDirectory, "parley.db")}.");
    }

    [Fact]
    public async Task Kb_AddedDocument_IsWhatTheAssistantAnswersFrom()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var file = Path.Combine(db.DataDirectory, "bakery.md");
        await File.WriteAllTextAsync(file, "# Bakery\n\n## Cakes\n\nOrder birthday cakes two days ahead; chocolate and vanilla.\n");
        (await RunAsync(db, "kb", "add", file, "--account", "sandbox")).Code.ShouldBe(0);

        await using var app = TestApp.Start(db, new Dictionary<string, string?> { ["Parley:Ai:BurstDelay"] = "00:00:00" });
        await app.Sandbox.SendAsync("+15550007777", "Can I order a birthday cake?");

        var reply = (await app.Sandbox.WaitForRepliesAsync("+15550007777", 1)).ShouldHaveSingleItem();
        reply.Text!.ShouldContain("*Bakery › Cakes* (bakery.md)");
        reply.Text!.ShouldContain("> Order birthday cakes two days ahead");
    }

    [Fact]
    public async Task Kb_AddUnsupportedFile_FailsWithAReason()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var file = Path.Combine(db.DataDirectory, "photo.zip");
        await File.WriteAllBytesAsync(file, [0x50, 0x4B, 3, 4]);

        var (code, _, error) = await RunAsync(db, "kb", "add", file);

        code.ShouldBe(1);
        WithoutNotes(error).ShouldStartWith("error: 'photo.zip' is not a supported document");
    }

    [Fact]
    public async Task Kb_AddForAnUnknownAccount_Fails()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var file = Path.Combine(db.DataDirectory, "a.txt");
        await File.WriteAllTextAsync(file, "text");

        var (code, _, error) = await RunAsync(db, "kb", "add", file, "--account", "nobody");

        code.ShouldBe(1);
        WithoutNotes(error).ShouldStartWith("error: There is no account 'nobody'.");
    }

    [Fact]
    public async Task InvalidAiSettings_StopTheStart_NamingTheKey()
    {
        var error = await Should.ThrowAsync<OptionsValidationException>(() => TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Parley:Ai:Provider"] = "openai",
            ["Parley:Ai:Model"] = "gpt-4o-mini",
        }));

        error.Message.ShouldContain("Parley:Ai:ApiKey is required when Parley:Ai:Provider is 'openai'.");
    }

    /// <summary>Standard error without the "note:" a command prints when it had to create the database (a fresh test database).</summary>
    private static string WithoutNotes(string error) =>
        string.Join('\n', error.Split('\n').Where(l => !l.StartsWith("note: ", StringComparison.Ordinal)));

    private static async Task<(int Code, string Output, string Error)> RunAsync(TestDatabase db, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            string[] all = [.. args, .. db.Settings().Select(kv => $"--{kv.Key}={kv.Value}"), "--Logging:LogLevel:Default=None"];
            var code = await CliApp.RunAsync(all);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }
}
