using System.Net;
using System.Net.Http.Json;
using Parley.Core.ApiKeys;

namespace Parley.Tests.Api;

/// <summary>Accounts: secrets are write-only, validation names the field, configuration accounts are changed in configuration.</summary>
public sealed class AccountsApiTests
{
    [Theory, SqliteData, PostgresData]
    public async Task Create_StoresSecretsButNeverReturnsThem(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind);
        using var api = await app.ApiClientAsync(ApiScopes.Admin);

        var (created, body) = await api.PostJsonAsync("/api/v1/accounts", new
        {
            id = "shop", provider = "sandbox", bot = "echo", displayName = "Shop",
            settings = new Dictionary<string, string> { ["Greeting"] = "hi" },
            secrets = new Dictionary<string, string> { ["WebhookSecret"] = "s3cr3t-value", ["Ai:ApiKey"] = "sk-very-secret" },
        });

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        created.Headers.Location!.ToString().ShouldBe("/api/v1/accounts/shop");
        body.GetProperty("secretsSet").EnumerateArray().Select(s => s.GetString()).ShouldBe(["Ai:ApiKey", "WebhookSecret"]);
        body.GetProperty("settings").GetProperty("Greeting").GetString().ShouldBe("hi");
        var all = await api.GetStringAsync("/api/v1/accounts");
        all.ShouldNotContain("s3cr3t-value");
        all.ShouldNotContain("sk-very-secret");
        (await api.GetStringAsync("/api/v1/accounts/shop")).ShouldNotContain("s3cr3t-value");

        // The new account works at once: the sandbox serves it.
        await app.SandboxFor("shop").SendAsync("+15550001111", "hello");
        await app.SandboxFor("shop").WaitForRepliesAsync("+15550001111", 2);
    }

    [Fact]
    public async Task Create_Invalid_NamesEachField()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.Admin);

        var (missing, problem) = await api.PostJsonAsync("/api/v1/accounts", new { });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["id", "provider"], ignoreOrder: true);

        var (bad, badProblem) = await api.PostJsonAsync("/api/v1/accounts", new { id = "has space", provider = "meta", bot = "nobot" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        badProblem.ErrorFields().ShouldContain("id");
        badProblem.ErrorFields().ShouldContain("bot");
        badProblem.ErrorFields().ShouldContain("secrets.AccessToken");
        badProblem.ErrorFields().ShouldContain("settings.PhoneNumberId");

        var (leak, leakProblem) = await api.PostJsonAsync("/api/v1/accounts", new { id = "x", provider = "sandbox", settings = new Dictionary<string, string> { ["AccessToken"] = "t" } });
        leak.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        leakProblem.ErrorFields().ShouldBe(["settings.AccessToken"]);

        var (conflict, _) = await api.PostJsonAsync("/api/v1/accounts", new { id = "sandbox", provider = "sandbox" });
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Update_ChangesOnlyWhatIsGiven_AndDeleteRemovesOrDisables()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.Admin);
        await api.PostJsonAsync("/api/v1/accounts", new { id = "shop", provider = "sandbox", settings = new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" } });

        using var patched = await api.PatchAsJsonAsync("/api/v1/accounts/shop", new { enabled = false, settings = new Dictionary<string, string> { ["A"] = "", ["C"] = "3" }, secrets = new Dictionary<string, string> { ["WebhookSecret"] = "w" } });
        patched.StatusCode.ShouldBe(HttpStatusCode.OK);
        var account = await patched.JsonAsync();
        account.GetProperty("enabled").GetBoolean().ShouldBeFalse();
        account.GetProperty("settings").EnumerateObject().Select(p => p.Name).ShouldBe(["B", "C"], ignoreOrder: true);
        account.GetProperty("secretsSet").EnumerateArray().Select(s => s.GetString()).ShouldBe(["WebhookSecret"]);

        using var badBot = await api.PatchAsJsonAsync("/api/v1/accounts/shop", new { bot = "nobot" });
        badBot.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badBot.JsonAsync()).ErrorFields().ShouldBe(["bot"]);

        (await api.DeleteAsync("/api/v1/accounts/shop")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await api.GetAsync("/api/v1/accounts/shop")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.DeleteAsync("/api/v1/accounts/shop")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.PatchAsJsonAsync("/api/v1/accounts/nope", new { enabled = true })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BuiltInAndConfiguredAccounts_AreChangedWhereTheyAreDeclared_409()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Parley:Accounts:0:Id"] = "configured",
            ["Parley:Accounts:0:Provider"] = "sandbox",
        });
        using var api = await app.ApiClientAsync(ApiScopes.Admin);

        using var sandbox = await api.PatchAsJsonAsync("/api/v1/accounts/sandbox", new { enabled = false });
        sandbox.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        using var configured = await api.DeleteAsync("/api/v1/accounts/configured");
        configured.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await configured.JsonAsync()).Str("detail").ShouldContain("Parley:Accounts");
    }

    [Fact]
    public async Task Test_SandboxNeedsNoCredentials_UnknownIs404()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.Admin);

        var (ok, result) = await api.PostJsonAsync("/api/v1/accounts/sandbox/test", null);
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        result.GetProperty("ok").GetBoolean().ShouldBeTrue();
        (await api.PostAsync("/api/v1/accounts/nope/test", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
