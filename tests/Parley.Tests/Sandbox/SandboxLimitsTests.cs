using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Parley.Channels.Sandbox;
using Parley.Core.ApiKeys;
using Parley.Tests.Api;

namespace Parley.Tests.Sandbox;

/// <summary>
/// Issue 17, item 3: caps on every field, per-client rate limits, and sandbox events kept from outgoing webhooks.
/// Regression: no length caps on name or id, 16 MiB uploads, no rate limit, and sandbox messages fired real webhooks.
/// </summary>
public sealed class SandboxLimitsTests
{
    private const string Ana = "+15550001111";
    private const string Token = "a-sandbox-token-long-enough";

    public static TheoryData<string, object> TooLong => new()
    {
        { "name", new { from = Ana, text = "hola", name = new string('n', SandboxLimits.MaxNameChars + 1) } },
        { "id", new { from = Ana, text = "hola", id = new string('i', SandboxLimits.MaxIdChars + 1) } },
        { "from", new { from = "+" + new string('1', SandboxLimits.MaxFromChars), text = "hola" } },
        { "interactive.id", new { from = Ana, interactive = new { id = new string('x', SandboxLimits.MaxChoiceIdChars + 1) } } },
        { "interactive.title", new { from = Ana, interactive = new { id = "yes", title = new string('t', SandboxLimits.MaxChoiceTitleChars + 1) } } },
        { "location.name", new { from = Ana, location = new { latitude = 1.0, longitude = 2.0, name = new string('l', SandboxLimits.MaxLocationTextChars + 1) } } },
        { "location.address", new { from = Ana, location = new { latitude = 1.0, longitude = 2.0, address = new string('a', SandboxLimits.MaxLocationTextChars + 1) } } },
        { "id", new { from = Ana, text = "hola", id = "has spaces/and slashes" } },
        { "name", new { from = Ana, text = "hola", name = "Ana\u0007" } },
    };

    [Theory, MemberData(nameof(TooLong))]
    public async Task AFieldOverItsCap_IsRefused_NamingTheField_AndNothingIsStored(string field, object body)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);

        using var response = await app.Client.PostAsJsonAsync("/api/v1/sandbox/sandbox/messages", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldContain(field);
        (await app.Sandbox.ThreadAsync(Ana)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AFileOverTheUploadCap_And_AJsonBodyOver64KiB_AreRefusedWith413()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Parley:Sandbox:MaxUploadBytes"] = "4096" });

        var tooLarge = await Should.ThrowAsync<HttpRequestException>(() => app.Sandbox.SendFileAsync(Ana, new byte[5000], "big.bin", "application/octet-stream"));
        tooLarge.Message.ShouldStartWith("413");
        await app.Sandbox.SendFileAsync(Ana, new byte[4000], "small.bin", "application/octet-stream");

        using var json = new StringContent($$"""{"from":"{{Ana}}","text":"{{new string('x', 70_000)}}"}""", System.Text.Encoding.UTF8, "application/json");
        (await app.Client.PostAsync("/api/v1/sandbox/sandbox/messages", json)).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public void TheDefaultUploadCap_IsASandboxsFiveMebibytes() => new SandboxOptions().MaxUploadBytes.ShouldBe(5 * 1024 * 1024);

    /// <summary>
    /// Two proxied clients, seen on real loopback addresses (127.0.0.1 and 127.0.0.2, as two proxies or two clients once
    /// forwarded headers are applied): each has its own budget. A client of this machine itself is not limited.
    /// </summary>
    [Fact]
    public async Task EachClientNetwork_HasItsOwnRateLimit_LocalClientsHaveNone()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Parley:Sandbox:MessagesPerMinute"] = "3",
            ["Parley:Sandbox:ReadsPerMinute"] = "5",
            ["Parley:Sandbox:AccessToken"] = Token,
        }, kestrel: true);
        using var first = ClientFrom(app, "127.0.0.1", proxied: true);
        using var second = ClientFrom(app, "127.0.0.2", proxied: true);
        using var local = ClientFrom(app, "127.0.0.3", proxied: false);

        for (var i = 0; i < 3; i++)
        {
            (await first.PostAsJsonAsync("/api/v1/sandbox/echo/messages", new { from = Ana, text = $"hello {i}" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        using var limited = await first.PostAsJsonAsync("/api/v1/sandbox/echo/messages", new { from = Ana, text = "one too many" });
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
        (await limited.Content.ReadAsStringAsync()).ShouldContain("3 messages a minute");
        (await second.PostAsJsonAsync("/api/v1/sandbox/echo/messages", new { from = "+15550002222", text = "my own budget" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        // Reads have their own budget.
        for (var i = 0; i < 5; i++)
        {
            (await first.GetAsync("/api/v1/sandbox/accounts")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await first.GetAsync("/api/v1/sandbox/accounts")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await second.GetAsync("/api/v1/sandbox/accounts")).StatusCode.ShouldBe(HttpStatusCode.OK);

        for (var i = 0; i < 10; i++)
        {
            (await local.PostAsJsonAsync("/api/v1/sandbox/echo/messages", new { from = "+15550003333", text = $"local {i}" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }
    }

    [Fact]
    public async Task SandboxEvents_DoNotReachOutgoingWebhooks_UnlessAskedFor()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Parley:Webhooks:BaseBackoff"] = "00:00:00.100",
            ["Parley:Webhooks:PollInterval"] = "00:00:00.100",
            ["Parley:Webhooks:AllowPrivateNetworks"] = "true", // the receiver listens on 127.0.0.1
        });
        using var api = await app.ApiClientAsync(ApiScopes.Admin);
        var (created, subscription) = await api.PostJsonAsync("/api/v1/webhooks", new { url = receiver.Url, events = new[] { "*" } });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = subscription.GetProperty("webhook").GetProperty("id").GetString();

        await app.Sandbox.SendAsync(Ana, "just playing");
        await app.Sandbox.WaitAsync(Ana, t => t.Any(m => m.Direction == "outbound" && m.Status == "read"));

        // A ping queued after every sandbox event: once it arrived, anything queued before it would have too.
        (await api.PostAsync($"/api/v1/webhooks/{id}/ping", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await receiver.WaitForAsync(r => r.Headers["X-Parley-Event"] == "ping");
        receiver.Received.Select(r => r.Headers["X-Parley-Event"]).ShouldBe(["ping"]);
        (await api.GetJsonAsync($"/api/v1/webhooks/{id}/deliveries")).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    private static HttpClient ClientFrom(TestApp app, string localAddress, bool proxied)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                    await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        }) { BaseAddress = app.BaseUrl };
        client.DefaultRequestHeaders.Add(SandboxAccess.TokenHeader, Token);
        if (proxied)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.50");
        }

        return client;
    }
}
