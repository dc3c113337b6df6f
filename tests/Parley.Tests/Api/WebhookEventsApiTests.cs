using System.Net;
using Parley.Core.ApiKeys;
using Parley.Core.Inbound;

namespace Parley.Tests.Api;

/// <summary>Stored provider webhook events: list (failed), read with the raw body, replay through the channel's parser.</summary>
public sealed class WebhookEventsApiTests
{
    private const string Ana = "+15550001111";

    [Theory, SqliteData, PostgresData]
    public async Task FailedSandboxEvent_IsListed_ReadWithItsBody_AndReplayedIntoTheThread(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind);
        using var api = await app.ApiClientAsync(ApiScopes.Admin);
        await app.Sandbox.SendAsync("+15550009999", "stored fine");
        var body = """{"from":"+15550001111","name":"Ana","text":"lost and found"}""";
        var failedId = await app.Get<WebhookEventStore>().RecordFailedAsync("sandbox", "sandbox", "application/json", body, "Simulated: database was down");

        var failed = await api.GetJsonAsync("/api/v1/webhook-events?state=failed");
        var item = failed.GetProperty("items").EnumerateArray().Single();
        item.Str("id").ShouldBe(failedId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        item.Str("lastError").ShouldContain("database was down");
        item.TryGetProperty("body", out _).ShouldBeFalse();
        // Everything stored is listed too (the sandbox's receipts for the bot's replies among them).
        var states = (await api.GetJsonAsync("/api/v1/webhook-events")).GetProperty("items").EnumerateArray().Select(e => e.Str("state")).ToList();
        states.Count(s => s == "failed").ShouldBe(1);
        states.ShouldContain("stored");

        var one = await api.GetJsonAsync($"/api/v1/webhook-events/{failedId}");
        one.Str("body").ShouldBe(body);

        var (replayed, result) = await api.PostJsonAsync("/api/v1/webhook-events/replay", new { ids = new[] { failedId.ToString(System.Globalization.CultureInfo.InvariantCulture), "999999" } });
        replayed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var outcomes = result.GetProperty("results").EnumerateArray().Select(r => r.Str("outcome")).ToList();
        outcomes.ShouldBe(["replayed", "not_found"]);

        // The replayed message is processed like any other: the assistant answers it.
        (await app.Sandbox.WaitForRepliesAsync(Ana, 1)).ShouldHaveSingleItem().Direction.ShouldBe("outbound");
        (await api.GetJsonAsync("/api/v1/webhook-events?state=failed")).GetProperty("items").GetArrayLength().ShouldBe(0);
        var after = await api.GetJsonAsync($"/api/v1/webhook-events/{failedId}");
        after.Str("state").ShouldBe("stored");
        after.GetProperty("replayCount").GetInt32().ShouldBe(1);

        // Replaying again changes nothing: the event is no longer failed.
        var (_, again) = await api.PostJsonAsync("/api/v1/webhook-events/replay", new { ids = new[] { failedId.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
        again.GetProperty("results")[0].Str("outcome").ShouldBe("not_failed");
    }

    [Fact]
    public async Task ReplayFailed_ReportsUnparseableAndUnsupportedEvents_AndKeepsThemFailed()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.Admin);
        var store = app.Get<WebhookEventStore>();
        var broken = await store.RecordFailedAsync("sandbox", "sandbox", "application/json", "{\"from\": \"nobody\"}", "first failure");
        // Meta, ACS and Twilio events replay too since issue 17; a provider no channel of this build knows does not.
        var meta = await store.RecordFailedAsync("sandbox", "on-premises", "application/json", "{}", "no such channel");

        var (_, result) = await api.PostJsonAsync("/api/v1/webhook-events/replay", new { failed = true });

        var byId = result.GetProperty("results").EnumerateArray().ToDictionary(r => r.Str("id"), r => r.Str("outcome"));
        byId[broken.ToString(System.Globalization.CultureInfo.InvariantCulture)].ShouldBe("failed");
        byId[meta.ToString(System.Globalization.CultureInfo.InvariantCulture)].ShouldBe("unsupported");
        var stillFailed = await api.GetJsonAsync($"/api/v1/webhook-events/{broken}");
        stillFailed.Str("state").ShouldBe("failed");
        stillFailed.Str("lastError").ShouldContain("phone number");
    }

    [Theory]
    [InlineData("""{"ids":[]}""", "ids")]
    [InlineData("""{"ids":["x"]}""", "ids[0]")]
    [InlineData("""{}""", "ids")]
    public async Task Replay_BadRequest_NamesTheField(string body, string field)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.Admin);

        using var response = await api.PostAsync("/api/v1/webhook-events/replay", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).ErrorFields().ShouldBe([field]);
    }
}
