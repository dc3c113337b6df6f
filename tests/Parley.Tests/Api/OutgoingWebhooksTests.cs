using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Core.ApiKeys;
using Parley.Core.Webhooks;

namespace Parley.Tests.Api;

/// <summary>
/// Outgoing webhooks end to end, to a real receiver on 127.0.0.1: signed events for received messages, status changes
/// and takeovers, retried until the receiver answers 2xx.
/// </summary>
public sealed class OutgoingWebhooksTests
{
    private const string Ana = "+15550001111";

    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Parley:Webhooks:BaseBackoff"] = "00:00:00.100",
        ["Parley:Webhooks:PollInterval"] = "00:00:00.100",
        // These tests make their events with the sandbox, whose events are kept from webhooks unless asked for.
        ["Parley:Sandbox:OutgoingWebhooks"] = "true",
    };

    private static async Task<(string Id, string Secret)> SubscribeAsync(HttpClient api, string url, params string[] events)
    {
        var (response, body) = await api.PostJsonAsync("/api/v1/webhooks", new { url, events, description = "CRM" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (body.GetProperty("webhook").Str("id"), body.Str("secret"));
    }

    private static JsonElement Json(ReceivedWebhook r) => JsonDocument.Parse(r.Body).RootElement;

    [Theory, SqliteData, PostgresData]
    public async Task ReceivedMessage_IsPostedSigned_WithTheMessageAndContact(DatabaseKind kind)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await TestApp.StartAsync(kind, FastRetries);
        using var api = await app.ApiClientAsync(ApiScopes.Admin);
        var (_, secret) = await SubscribeAsync(api, receiver.Url, "message.received");

        await app.Sandbox.SendAsync(Ana, "hola CRM", name: "Ana");

        var hook = (await receiver.WaitForAsync(r => r.Headers.GetValueOrDefault("X-Parley-Event") == "message.received")).Single();
        WebhookSignature.Verify(secret, hook.Headers["X-Parley-Signature"], hook.Body, TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(5)).ShouldBeTrue();
        WebhookSignature.Verify("whsec_wrong", hook.Headers["X-Parley-Signature"], hook.Body, TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(5)).ShouldBeFalse();
        WebhookSignature.Verify(secret, hook.Headers["X-Parley-Signature"], hook.Body + " ", TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(5)).ShouldBeFalse();
        hook.Headers["Content-Type"].ShouldStartWith("application/json");
        var json = Json(hook);
        json.Str("type").ShouldBe("message.received");
        json.Str("id").ShouldStartWith("evt_");
        json.Str("accountId").ShouldBe("sandbox");
        json.GetProperty("sandbox").GetBoolean().ShouldBeTrue();
        json.GetProperty("data").GetProperty("message").Str("text").ShouldBe("hola CRM");
        json.GetProperty("data").GetProperty("contact").Str("phone").ShouldBe(Ana);
        json.GetProperty("data").GetProperty("contact").Str("name").ShouldBe("Ana");
        hook.Headers["X-Parley-Event-Id"].ShouldBe(json.Str("id"));

        // Only the subscribed event: the bot's reply changes statuses, which nobody asked for.
        await app.Sandbox.WaitAsync(Ana, t => t.Count(m => m.Direction == "outbound" && m.Status == "read") == 1);
        await Task.Delay(300);
        receiver.Received.ShouldAllBe(r => r.Headers["X-Parley-Event"] == "message.received");
    }

    [Fact]
    public async Task FailedDelivery_IsRetried_UntilTheReceiverAnswers2xx()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerNext(500, 503);
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, FastRetries);
        using var api = await app.ApiClientAsync(ApiScopes.Admin);
        var (id, _) = await SubscribeAsync(api, receiver.Url, "message.received");

        await app.Sandbox.SendAsync(Ana, "retry me");

        var attempts = await receiver.WaitForAsync(r => r.Headers["X-Parley-Event"] == "message.received", count: 3);
        attempts.Select(a => a.AnsweredWith).ShouldBe([500, 503, 200]);
        attempts.Select(a => a.Headers["X-Parley-Attempt"]).ShouldBe(["1", "2", "3"]);
        attempts.Select(a => Json(a).Str("id")).Distinct().Count().ShouldBe(1);

        var delivered = await WaitAsync(async () =>
        {
            var page = await api.GetJsonAsync($"/api/v1/webhooks/{id}/deliveries");
            var d = page.GetProperty("items")[0];
            return d.Str("state") == "delivered" ? d : (JsonElement?)null;
        });
        delivered.GetProperty("attempts").GetInt32().ShouldBe(3);
        delivered.GetProperty("lastStatus").GetInt32().ShouldBe(200);
    }

    [Fact]
    public async Task GivenUp_AfterMaxAttempts_ThenRedeliveredOnRequest()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerNext(500, 500);
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?>(FastRetries) { ["Parley:Webhooks:MaxAttempts"] = "2" });
        using var api = await app.ApiClientAsync(ApiScopes.Admin);
        var (id, _) = await SubscribeAsync(api, receiver.Url, "*");
        var (ping, pinged) = await api.PostJsonAsync($"/api/v1/webhooks/{id}/ping", null);
        ping.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var failed = await WaitAsync(async () =>
        {
            var d = (await api.GetJsonAsync($"/api/v1/webhooks/{id}/deliveries?state=failed")).GetProperty("items");
            return d.GetArrayLength() == 1 ? d[0] : (JsonElement?)null;
        });
        failed.Str("id").ShouldBe(pinged.Str("deliveryId"));
        failed.Str("lastError").ShouldContain("500");

        (await api.PostAsync($"/api/v1/webhooks/deliveries/{failed.Str("id")}/redeliver", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var all = await receiver.WaitForAsync(r => r.Headers["X-Parley-Event"] == "ping", count: 3);
        all[^1].AnsweredWith.ShouldBe(200);
    }

    [Fact]
    public async Task StatusChangesAndTakeover_ArePosted()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, FastRetries);
        using var api = await app.ApiClientAsync(ApiScopes.Admin);
        await SubscribeAsync(api, receiver.Url, "message.status", "conversation.takeover");
        var echo = app.SandboxFor("echo"); // the echo bot answers "hello" with two replies
        await echo.SendAsync(Ana, "hello");
        await echo.WaitAsync(Ana, t => t.Count(m => m.Status == "read") == 2);

        // Each of the two replies moves through sent, delivered and read: one event per step, even when a receipt came first.
        var statuses = await receiver.WaitForAsync(r => r.Headers["X-Parley-Event"] == "message.status", count: 6);
        foreach (var message in statuses.GroupBy(s => Json(s).GetProperty("data").Str("messageId")))
        {
            message.Select(s => Json(s).GetProperty("data").Str("status")).ShouldBe(["sent", "delivered", "read"], ignoreOrder: true);
        }

        statuses.Select(s => Json(s).GetProperty("data").Str("messageId")).Distinct().Count().ShouldBe(2);

        var conversation = (await api.GetJsonAsync("/api/v1/conversations")).GetProperty("items")[0].Str("id");
        await api.PostAsJsonAsync($"/api/v1/conversations/{conversation}/takeover", new { by = "ana@example.com" });
        var takeover = (await receiver.WaitForAsync(r => r.Headers["X-Parley-Event"] == "conversation.takeover")).Single();
        var data = Json(takeover).GetProperty("data");
        data.Str("conversationId").ShouldBe(conversation);
        data.Str("by").ShouldBe("ana@example.com");
        data.Str("state").ShouldBe("human");

        // Not subscribed: a hand back is not posted.
        await api.PostAsync($"/api/v1/conversations/{conversation}/handback", null);
        await Task.Delay(400);
        receiver.Received.ShouldNotContain(r => r.Headers["X-Parley-Event"] == "conversation.handback");
    }

    [Fact]
    public async Task Subscriptions_CrudAndValidation()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.Admin);

        var (bad, problem) = await api.PostJsonAsync("/api/v1/webhooks", new { url = "not a url", events = new[] { "message.exploded" } });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["url", "events[0]"], ignoreOrder: true);

        var (id, secret) = await SubscribeAsync(api, "https://crm.example.com/hook", "message.received");
        secret.ShouldStartWith("whsec_");
        (await api.GetStringAsync("/api/v1/webhooks")).ShouldNotContain(secret);
        using var patched = await api.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { enabled = false, events = new[] { "*" } });
        var view = await patched.JsonAsync();
        view.GetProperty("enabled").GetBoolean().ShouldBeFalse();
        view.GetProperty("events").EnumerateArray().Select(e => e.GetString()).ShouldBe(["*"]);
        (await api.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await api.GetAsync($"/api/v1/webhooks/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task<JsonElement> WaitAsync(Func<Task<JsonElement?>> probe)
    {
        var deadline = Environment.TickCount64 + 15_000;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException("The expected state was not reached within 15 s.");
            }

            await Task.Delay(50);
        }
    }
}
