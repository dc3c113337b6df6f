using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Channels.Sandbox;
using Parley.Core.Accounts;
using Parley.Core.Operators;
using Parley.Tests.Admin;

namespace Parley.Tests.Sandbox;

/// <summary>
/// Issue 17, item 3: who may use the sandbox. Regression: it was open to anyone who could reach the server, wherever it
/// listened: post as any number, read any thread by number, list the last contacts.
/// </summary>
public sealed class SandboxAccessTests
{
    private const string Ana = "+15550001111";
    private const string Token = "a-sandbox-token-long-enough";

    private static Dictionary<string, string?> Exposed(params (string Key, string? Value)[] more)
    {
        // In-process the server has no addresses, so the configured ones decide, as before Kestrel starts.
        var settings = new Dictionary<string, string?> { ["urls"] = "http://0.0.0.0:8080" };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task OnLoopback_WithNoConfiguration_TheSandboxIsOpen()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);

        var access = await app.Client.GetFromJsonAsync<SandboxAccessView>("/api/v1/sandbox/access");
        access.ShouldBe(new SandboxAccessView(Required: false, Granted: true, SandboxGate.OperatorPassPath));
        await app.Sandbox.SendAsync(Ana, "hola");
        await app.Sandbox.WaitForRepliesAsync(Ana, 1);
        (await app.Client.GetAsync("/sandbox")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    // In-process the host hands the configured urls to the server as its addresses; ports and Kestrel endpoints are
    // read the same way (ListenAddressesTests) and a real server's own addresses win (SandboxExposureProcessTests).
    public static TheoryData<string, string> ExposedAddresses => new()
    {
        { "urls", "http://0.0.0.0:8080" },
        { "urls", "http://localhost:5000;http://192.168.1.10:5000" },
        { "urls", "http://+:80" },
    };

    [Theory, MemberData(nameof(ExposedAddresses))]
    public async Task BeyondLoopback_ByDefault_TheSandboxIsOff(string key, string value)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { [key] = value });
        using var http = app.CreateClient();

        (await http.GetAsync("/sandbox")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync("/sandbox/sandbox.js")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync("/api/v1/sandbox/accounts")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync($"/api/v1/sandbox/sandbox/messages?contact={Uri.EscapeDataString(Ana)}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.PostAsJsonAsync("/api/v1/sandbox/sandbox/messages", new { from = Ana, text = "hola" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync("/api/v1/sandbox/sandbox/contacts")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Get<AccountRegistry>().FindAsync(SandboxAccounts.DefaultAccountId)).ShouldBeNull();
    }

    [Fact]
    public async Task BeyondLoopback_Enabled_NeedsTheTokenInAHeader_OrThePassForEnteringItOnce()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Exposed(("Parley:Sandbox:Enabled", "true"), ("Parley:Sandbox:AccessToken", Token)));
        using var http = app.CreateClient();

        using var refused = await http.PostAsJsonAsync("/api/v1/sandbox/sandbox/messages", new { from = Ana, text = "hola" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("access").GetString().ShouldBe("token");
        (await http.GetAsync("/api/v1/sandbox/sandbox/contacts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await http.GetAsync($"/api/v1/sandbox/sandbox/messages?contact={Uri.EscapeDataString(Ana)}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await SendAsync(http, "wrong-token-of-good-length")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // The token in the header (the CLI and scripts).
        (await SendAsync(http, Token)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        // The page: a wrong token is refused; the right one gives an HttpOnly, SameSite=Strict cookie that lets in.
        (await http.PostAsJsonAsync("/api/v1/sandbox/access", new { token = "wrong-token-of-good-length" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var entered = await http.PostAsJsonAsync("/api/v1/sandbox/access", new { token = Token });
        entered.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var setCookie = entered.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SandboxAccess.CookieName + "=", StringComparison.Ordinal));
        setCookie.ShouldContain("httponly", Case.Insensitive);
        setCookie.ShouldContain("samesite=strict", Case.Insensitive);
        var pass = setCookie.Split(';')[0];
        (await GetWithCookieAsync(http, "/api/v1/sandbox/sandbox/contacts", pass)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A new token ends the passes given for the old one.
        await using var rotated = TestApp.Start(app.Database, Exposed(("Parley:Sandbox:Enabled", "true"), ("Parley:Sandbox:AccessToken", Token + "-rotated")));
        using var again = rotated.CreateClient();
        (await GetWithCookieAsync(again, "/api/v1/sandbox/sandbox/contacts", pass)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnOperatorSignIn_GivesAPass_ThatEndsWithTheirSessions()
    {
        // On a real port (the admin cookie needs one); the configured token makes the sandbox ask for access.
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Parley:Sandbox:AccessToken"] = Token }, kestrel: true);
        var store = app.Get<OperatorStore>();
        var op = await store.CreateAsync("agent@example.com", null, OperatorRoles.Agent, "a long enough secret");
        using var http = AdminCookies.NoRedirects(app);

        using var anonymous = await http.GetAsync("/admin/sandbox");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.ToString().ShouldContain("/admin/login");

        using var given = await GetWithCookieAsync(http, "/admin/sandbox", AdminCookies.For(app, op));
        given.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        given.Headers.Location!.ToString().ShouldBe("/sandbox");
        var pass = given.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SandboxAccess.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];
        (await GetWithCookieAsync(http, "/api/v1/sandbox/sandbox/contacts", pass)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await store.EndSessionsAsync(op.Id);
        (await GetWithCookieAsync(http, "/api/v1/sandbox/sandbox/contacts", pass)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OnLoopback_AConfiguredToken_IsRequiredToo()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Parley:Sandbox:AccessToken"] = Token });
        using var http = app.CreateClient();

        (await http.PostAsJsonAsync("/api/v1/sandbox/sandbox/messages", new { from = Ana, text = "hola" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await SendAsync(http, Token)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    /// <summary>A proxy on this machine makes every visitor look like loopback: forwarded headers count as outside.</summary>
    [Fact]
    public async Task OnLoopback_ARequestThroughAProxy_NeedsAccess()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");

        (await http.PostAsJsonAsync("/api/v1/sandbox/sandbox/messages", new { from = Ana, text = "hola" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await http.GetAsync("/api/v1/sandbox/sandbox/contacts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        logs.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("came through a proxy", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task OnAndReachableFromOutside_WarnsAtStart_AndOffSaysHowToTurnItOn()
    {
        var on = new CapturingLoggerProvider();
        await using (var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Exposed(("Parley:Sandbox:Enabled", "true"), ("Parley:Sandbox:AccessToken", Token)),
            services: s => s.AddSingleton<ILoggerProvider>(on)))
        {
            await app.Client.GetAsync("/health");
            on.Entries.ShouldContain(e => e.Level == LogLevel.Warning && e.Message.StartsWith("The sandbox is on and reachable from outside", StringComparison.Ordinal));
        }

        var off = new CapturingLoggerProvider();
        await using (var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Exposed(("Logging:LogLevel:Parley.Channels.Sandbox", "Information")),
            services: s => s.AddSingleton<ILoggerProvider>(off)))
        {
            await app.Client.GetAsync("/health");
            off.Entries.ShouldContain(e => e.Message.StartsWith("The sandbox is off: Parley listens beyond loopback", StringComparison.Ordinal));
            off.Entries.ShouldNotContain(e => e.Level == LogLevel.Warning && e.Category.StartsWith("Parley.Channels.Sandbox", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has spaces in the middle of it")]
    public async Task AWeakAccessToken_StopsTheStart_NamingTheSetting(string token)
    {
        var ex = await Should.ThrowAsync<Exception>(async () =>
        {
            await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Parley:Sandbox:AccessToken"] = token });
        });

        ex.ToString().ShouldContain("Parley:Sandbox:AccessToken must have at least 16 characters");
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sandbox/sandbox/messages") { Content = JsonContent.Create(new { from = Ana, text = "hola" }) };
        request.Headers.Add(SandboxAccess.TokenHeader, token);
        return http.SendAsync(request);
    }

    private static Task<HttpResponseMessage> GetWithCookieAsync(HttpClient http, string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return http.SendAsync(request);
    }
}
