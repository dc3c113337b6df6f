using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Parley.Tests.Cli;

public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<string> Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
    public IReadOnlyList<string> ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>The management commands run as processes: exit codes scripts can trust (0 ok, 1 failure, 2 usage), output they can parse.</summary>
public sealed partial class CliProcessTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private string Data => _database.DataDirectory;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    /// <summary>Runs the built Parley.dll as its own process on this test's data directory.</summary>
    private async Task<CliRun> RunAsync(params string[] args)
    {
        var (exit, stdout, stderr) = await ParleyProcess.RunAsync([.. args, $"--Parley:DataDirectory={Data}"], timeout: TimeSpan.FromSeconds(90));
        return new CliRun(exit, stdout, stderr);
    }

    [GeneratedRegex("^pk_live_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$")]
    private static partial Regex KeyShape();

    [Fact]
    public async Task ApiKeysCreate_PrintsTheKeyAloneOnTheLastLine_AndTheServerAcceptsIt()
    {
        var run = await RunAsync("apikeys", "create", "--name", "ci", "--scopes", "read");

        run.ExitCode.ShouldBe(0, run.ToString());
        var key = run.Lines[^1];
        KeyShape().IsMatch(key).ShouldBeTrue(run.ToString());

        await using var app = TestApp.Start(_database);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        (await client.GetAsync("/api/v1/conversations")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsync("/api/v1/messages", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ApiKeysListAndRevoke_AndRevokingTwiceFails()
    {
        var created = await RunAsync("apikeys", "create", "--name", "crm", "--format", "json");
        created.ExitCode.ShouldBe(0, created.ToString());
        var json = JsonDocument.Parse(created.Stdout).RootElement;
        var prefix = json.GetProperty("prefix").GetString()!;
        json.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ShouldBe(["read", "messages:send"]);

        var list = await RunAsync("apikeys", "list", "--format", "json");
        list.ExitCode.ShouldBe(0);
        list.Stdout.ShouldContain(prefix);
        list.Stdout.ShouldNotContain(json.GetProperty("key").GetString()!);

        (await RunAsync("apikeys", "revoke", prefix)).ExitCode.ShouldBe(0);
        var again = await RunAsync("apikeys", "revoke", prefix);
        again.ExitCode.ShouldBe(1);
        again.ErrorLines.Count.ShouldBe(1);
        again.Stderr.ShouldContain("revoked already");
        (await RunAsync("apikeys", "list", "--format", "json")).Stdout.ShouldNotContain(prefix);
    }

    [Theory]
    [InlineData("apikeys", "create")]
    [InlineData("apikeys", "create", "--name", "x", "--scopes", "everything")]
    [InlineData("send", "--account", "sandbox", "--to", "+15550001111")]
    [InlineData("monitor", "--format", "xml")]
    [InlineData("webhooks", "replay")]
    public async Task UsageMistakes_Exit2(params string[] args)
    {
        var run = await RunAsync(args);

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Stderr.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task ValidateConfig_WithABrokenAccount_Exits1_WithALineNamingEachKey()
    {
        var run = await RunAsync("validate-config",
            "--Parley:Accounts:0:Id=shop", "--Parley:Accounts:0:Provider=sandbox", "--Parley:Accounts:0:Bot=nobot",
            "--Parley:Accounts:1:Id=bad id!", "--Parley:Accounts:1:Provider=sandbox");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.ErrorLines.ShouldContain(l => l.Contains("Parley:Accounts:0:Bot", StringComparison.Ordinal) && l.Contains("nobot", StringComparison.Ordinal));
        run.ErrorLines.ShouldContain(l => l.Contains("Parley:Accounts:1:Id", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidateConfig_WithABrokenOption_Exits1NamingTheKey_AndValidConfigExits0()
    {
        var broken = await RunAsync("validate-config", "--Parley:Api:RateLimit:Kind=leaky");
        broken.ExitCode.ShouldBe(1, broken.ToString());
        broken.ErrorLines.ShouldContain(l => l.Contains("Parley:Api:RateLimit:Kind", StringComparison.Ordinal));

        var ok = await RunAsync("validate-config", "--Parley:Accounts:0:Id=shop", "--Parley:Accounts:0:Provider=sandbox");
        ok.ExitCode.ShouldBe(0, ok.ToString());
        ok.Stdout.ShouldContain("shop (sandbox)");
    }

    [Fact]
    public async Task Accounts_AddListTestRemove_SecretsNeverPrinted()
    {
        var add = await RunAsync("accounts", "add", "--id", "shop", "--provider", "sandbox", "--bot", "echo",
            "--set", "Greeting=hi", "--secret", "WebhookSecret=very-secret-value", "--no-prompt");
        add.ExitCode.ShouldBe(0, add.ToString());
        add.Stdout.ShouldNotContain("very-secret-value");

        var list = await RunAsync("accounts", "list", "--format", "json");
        list.ExitCode.ShouldBe(0);
        list.Stdout.ShouldNotContain("very-secret-value");
        var shop = JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray().Single(a => a.GetProperty("id").GetString() == "shop");
        shop.GetProperty("secretsSet").EnumerateArray().Select(s => s.GetString()).ShouldBe(["WebhookSecret"]);
        shop.GetProperty("settings").GetProperty("Greeting").GetString().ShouldBe("hi");

        (await RunAsync("accounts", "test", "shop")).ExitCode.ShouldBe(0);
        (await RunAsync("accounts", "remove", "shop")).ExitCode.ShouldBe(0);
        var gone = await RunAsync("accounts", "test", "shop");
        gone.ExitCode.ShouldBe(1);
        gone.Stderr.ShouldContain("no account 'shop'");

        var bad = await RunAsync("accounts", "add", "--id", "bad id", "--provider", "sandbox", "--no-prompt");
        bad.ExitCode.ShouldBe(1, bad.ToString());
        bad.ErrorLines.Count.ShouldBe(1);
        bad.Stderr.ShouldContain("Id");
    }

    [Fact]
    public async Task Send_FreeFormToAStranger_Exits1_ATemplateIsQueued()
    {
        var refused = await RunAsync("send", "--account", "sandbox", "--to", "+15550001111", "--text", "hi");
        refused.ExitCode.ShouldBe(1, refused.ToString());
        refused.Stderr.ShouldContain("template");

        var queued = await RunAsync("send", "--account", "sandbox", "--to", "+15550001111", "--template", "welcome", "--lang", "es", "--param", "Ana", "--format", "json");
        queued.ExitCode.ShouldBe(0, queued.ToString());
        var result = JsonDocument.Parse(queued.Stdout).RootElement;
        result.GetProperty("status").GetString().ShouldBe("queued");

        // The queued message is sent by the server when it runs.
        await using var app = TestApp.Start(_database);
        await app.Sandbox.WaitAsync("+15550001111", t => t.Any(m => m.Id == result.GetProperty("id").GetString() && m.Status == "read"));
    }

    [Fact]
    public async Task TemplatesTest_RendersOrNamesTheMissingValue_AndSyncSaysWhenUnavailable()
    {
        var ok = await RunAsync("templates", "test", "--body", "Hola {{1}}, pedido {{order}}", "--param", "Ana", "--param", "order=A-1");
        ok.ExitCode.ShouldBe(0, ok.ToString());
        ok.Lines[0].ShouldBe("Hola Ana, pedido A-1");

        var missing = await RunAsync("templates", "test", "--body", "Hola {{1}} {{2}}", "--param", "Ana");
        missing.ExitCode.ShouldBe(1);
        missing.Stderr.ShouldContain("{{2}}");

        (await RunAsync("templates", "list", "--format", "json")).Stdout.Trim().ShouldBe("[]");
        var sync = await RunAsync("templates", "sync", "--account", "sandbox");
        sync.ExitCode.ShouldBe(1);
        sync.Stderr.ShouldContain("Meta");
    }

    [Fact]
    public async Task MonitorCleanupAndWebhooks_ForScripts()
    {
        var monitor = await RunAsync("monitor", "--hours", "24", "--format", "json");
        monitor.ExitCode.ShouldBe(0, monitor.ToString());
        var snapshot = JsonDocument.Parse(monitor.Stdout).RootElement;
        snapshot.GetProperty("backlog").GetProperty("failedWebhookEvents").GetInt64().ShouldBe(0);
        snapshot.GetProperty("delivery").GetProperty("failed").GetInt64().ShouldBe(0);

        snapshot.GetProperty("rateLimits").ValueKind.ShouldBe(JsonValueKind.Array);
        snapshot.GetProperty("backlog").GetProperty("outgoingWebhooksPending").GetInt64().ShouldBe(0);

        var table = await RunAsync("monitor");
        table.ExitCode.ShouldBe(0);
        table.Stdout.ShouldContain("Failures by reason");
        table.Stdout.ShouldContain("Sending against rate limits");
        table.Stdout.ShouldContain("Failed provider webhooks");

        var cleanup = await RunAsync("cleanup", "--format", "json");
        cleanup.ExitCode.ShouldBe(0, cleanup.ToString());
        JsonDocument.Parse(cleanup.Stdout).RootElement.GetProperty("webhookEvents").GetInt64().ShouldBe(0);

        (await RunAsync("webhooks", "replay", "--failed")).ExitCode.ShouldBe(0);
        var missing = await RunAsync("webhooks", "replay", "--id", "999");
        missing.ExitCode.ShouldBe(1);
        missing.Stdout.ShouldContain("not_found");

        var add = await RunAsync("webhooks", "add", "--url", "https://203.0.113.10/hook", "--events", "message.received");
        add.ExitCode.ShouldBe(0, add.ToString());
        add.Lines[^1].ShouldStartWith("whsec_");
        var list = await RunAsync("webhooks", "list", "--format", "json");
        list.Stdout.ShouldContain("https://203.0.113.10/hook");
        list.Stdout.ShouldNotContain(add.Lines[^1]);
    }

    [Fact]
    public async Task Lists_PrintJsonForScripts()
    {
        var created = await ParleyProcess.RunAsync(["admin", "create", "--email", "ops@example.com", "--role", "agent", $"--Parley:DataDirectory={Data}"], stdin: "a long enough secret\n");
        created.ExitCode.ShouldBe(0, created.StdErr);

        var operators = await RunAsync("admin", "list", "--format", "json");
        operators.ExitCode.ShouldBe(0, operators.ToString());
        var op = JsonDocument.Parse(operators.Stdout).RootElement.EnumerateArray().Single();
        op.GetProperty("email").GetString().ShouldBe("ops@example.com");
        op.GetProperty("role").GetString().ShouldBe("agent");
        operators.Stdout.ShouldNotContain("a long enough secret");

        var bots = await RunAsync("bots", "list", "--format", "json");
        bots.ExitCode.ShouldBe(0, bots.ToString());
        JsonDocument.Parse(bots.Stdout).RootElement.EnumerateArray().Select(b => b.GetProperty("name").GetString()).ShouldContain("echo");

        var kb = await RunAsync("kb", "list", "--format", "json");
        kb.ExitCode.ShouldBe(0, kb.ToString());
        JsonDocument.Parse(kb.Stdout).RootElement.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task AnUnexpectedFailure_IsOneLineOnStandardError_AndExit1()
    {
        // Regression: an exception type the commands did not expect (here Npgsql's ArgumentException for a mistyped connection
        // string) used to end the process with a stack trace.
        var run = await RunAsync("apikeys", "list", "--Parley:Database:Provider=postgres", "--ConnectionStrings:Parley=Hots=127.0.0.1;Usernme=x");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.ErrorLines.Count.ShouldBe(1, run.ToString());
        run.Stderr.ShouldStartWith("error: ");
        run.Stderr.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Help_ListsTheCommands()
    {
        var run = await RunAsync("--help");

        run.ExitCode.ShouldBe(0);
        foreach (var command in new[] { "apikeys", "accounts", "send", "templates", "monitor", "validate-config", "webhooks", "cleanup", "db", "chat" })
        {
            run.Stdout.ShouldContain(command);
        }
    }
}
