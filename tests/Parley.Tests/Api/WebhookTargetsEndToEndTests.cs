using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.ApiKeys;
using Parley.Core.Webhooks;

namespace Parley.Tests.Api;

/// <summary>
/// Outgoing webhooks refuse loopback, private and link-local receivers unless <c>Parley:Webhooks:AllowPrivateNetworks</c>
/// (issue 17, item 9): when a subscription is created or changed, and on the address each connection resolves to.
/// </summary>
public sealed class WebhookTargetsEndToEndTests
{
    private const string Ana = "+15550001111";

    [Fact]
    public async Task PrivateReceivers_AreRefused_WhenSubscribing_AndWhenChangingTheUrl()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.Admin);

        foreach (var url in new[] { receiver.Url, "http://localhost:9/hook", "http://169.254.169.254/latest/meta-data/", "http://[::1]/hook", "http://10.0.0.8/hook" })
        {
            var (refused, problem) = await api.PostJsonAsync("/api/v1/webhooks", new { url, events = new[] { "*" } });
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
            problem.ErrorFields().ShouldBe(["url"]);
        }

        var (created, body) = await api.PostJsonAsync("/api/v1/webhooks", new { url = "https://203.0.113.10/hook", events = new[] { "*" } });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var patched = await api.PatchAsJsonAsync($"/api/v1/webhooks/{body.GetProperty("webhook").Str("id")}", new { url = receiver.Url });
        patched.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await patched.JsonAsync()).ErrorFields().ShouldBe(["url"]);
    }

    // Regression (issue 17, item 9): a name that resolved to a public address when subscribed and to a private one when
    // sent (DNS rebinding) reached 127.0.0.1.
    [Fact]
    public async Task AName_ThatResolvesToLoopbackWhenSending_IsRefused_NothingReachesTheReceiver()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await StartAsync(allowPrivate: false);
        using var api = await app.ApiClientAsync(ApiScopes.Admin);
        var id = await SubscribeAsync(api, receiver);

        await app.Sandbox.SendAsync(Ana, "hola");

        var failed = await WaitForDeliveryAsync(api, id, d => d.GetProperty("attempts").GetInt32() >= 1);
        failed.Str("lastError").ShouldContain("Parley:Webhooks:AllowPrivateNetworks");
        receiver.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task WithPrivateNetworksAllowed_TheSameNameIsDelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await StartAsync(allowPrivate: true);
        using var api = await app.ApiClientAsync(ApiScopes.Admin);
        await SubscribeAsync(api, receiver);

        await app.Sandbox.SendAsync(Ana, "hola");

        (await receiver.WaitForAsync(r => r.Headers["X-Parley-Event"] == "message.received")).ShouldHaveSingleItem();
    }

    /// <summary>"rebind.test" resolves to a public address the first time it is asked, then to 127.0.0.1.</summary>
    private static async Task<TestApp> StartAsync(bool allowPrivate)
    {
        var asked = 0;
        return await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Parley:Webhooks:AllowPrivateNetworks"] = allowPrivate ? "true" : "false",
            ["Parley:Sandbox:OutgoingWebhooks"] = "true", // the messages come through the sandbox (the documented key; it sets DeliverSandboxEvents)
            ["Parley:Webhooks:PollInterval"] = "00:00:00.100",
            ["Parley:Webhooks:BaseBackoff"] = "00:00:10",
        }, services: s => s.AddSingleton(sp => new WebhookTargets(sp.GetRequiredService<IOptions<OutgoingWebhookOptions>>())
        {
            Resolve = (host, _) => Task.FromResult(host == "rebind.test"
                ? [Interlocked.Increment(ref asked) == 1 ? IPAddress.Parse("203.0.113.7") : IPAddress.Loopback]
                : new[] { IPAddress.Loopback }),
        }));
    }

    private static async Task<string> SubscribeAsync(HttpClient api, WebhookReceiver receiver)
    {
        var url = receiver.Url.Replace("127.0.0.1", "rebind.test", StringComparison.Ordinal);
        var (response, body) = await api.PostJsonAsync("/api/v1/webhooks", new { url, events = new[] { "message.received" } });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return body.GetProperty("webhook").Str("id");
    }

    private static async Task<JsonElement> WaitForDeliveryAsync(HttpClient api, string id, Func<JsonElement, bool> done)
    {
        var deadline = Environment.TickCount64 + 15_000;
        while (true)
        {
            var items = (await api.GetJsonAsync($"/api/v1/webhooks/{id}/deliveries")).GetProperty("items");
            if (items.GetArrayLength() > 0 && done(items[0]))
            {
                return items[0];
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException("No delivery attempt within 15 s.");
            }

            await Task.Delay(50);
        }
    }
}
