using System.Net;
using Parley.Core.ApiKeys;

namespace Parley.Tests.Api;

/// <summary>GET /api/v1/statistics: counts per day and per account, templates, response times, failures, conversations.</summary>
public sealed class StatisticsApiTests
{
    [Theory, SqliteData, PostgresData]
    public async Task Statistics_CountTheConversationJustHad(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind);
        using var api = await app.ApiClientAsync(ApiScopes.Admin);
        await app.Sandbox.SendAsync("+15550001111", "hello");
        await app.Sandbox.SendAsync("+15550002222", "hello");
        // The assistant greets each of them once.
        await app.Sandbox.WaitAsync("+15550001111", t => t.Count(m => m.Direction == "outbound" && m.Status == "read") == 1);
        await app.Sandbox.WaitAsync("+15550002222", t => t.Count(m => m.Direction == "outbound" && m.Status == "read") == 1);
        await ApiSeed.TemplateAsync(app, "welcome", "es", "Hola {{1}}");
        var (sent, _) = await api.PostJsonAsync("/api/v1/messages", new { account = "sandbox", to = "+15550003333", template = new { name = "welcome", language = "es", parameters = new[] { "Eva" } } });
        sent.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var id = (await api.GetJsonAsync("/api/v1/conversations?contact=%2B15550001111")).GetProperty("items")[0].Str("id");
        await api.PostAsync($"/api/v1/conversations/{id}/takeover", null);

        var stats = await api.GetJsonAsync("/api/v1/statistics");

        stats.GetProperty("inbound").GetInt64().ShouldBe(2);
        stats.GetProperty("outbound").GetInt64().ShouldBe(3);
        var day = stats.GetProperty("perDay").EnumerateArray().Single();
        day.GetProperty("inbound").GetInt64().ShouldBe(2);
        day.GetProperty("outbound").GetInt64().ShouldBe(3);
        var account = stats.GetProperty("perAccount").EnumerateArray().Single();
        account.Str("accountId").ShouldBe("sandbox");
        var template = stats.GetProperty("templates").EnumerateArray().Single();
        template.Str("name").ShouldBe("welcome");
        template.GetProperty("count").GetInt64().ShouldBe(1);
        var times = stats.GetProperty("responseTimes");
        times.GetProperty("samples").GetInt64().ShouldBe(2);
        times.GetProperty("p50Ms").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
        times.GetProperty("p99Ms").GetDouble().ShouldBeGreaterThanOrEqualTo(times.GetProperty("p50Ms").GetDouble());
        times.GetProperty("p95Ms").GetDouble().ShouldBeInRange(times.GetProperty("p50Ms").GetDouble(), times.GetProperty("p99Ms").GetDouble());
        stats.GetProperty("activeConversations").GetInt64().ShouldBe(3);
        stats.GetProperty("humanConversations").GetInt64().ShouldBe(1);
        stats.GetProperty("intents").GetArrayLength().ShouldBe(0);
        stats.GetProperty("failures").GetArrayLength().ShouldBe(0);

        var other = await api.GetJsonAsync("/api/v1/statistics?account=elsewhere");
        other.GetProperty("inbound").GetInt64().ShouldBe(0);
        var past = await api.GetJsonAsync("/api/v1/statistics?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z");
        past.GetProperty("perDay").GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "from")]
    [InlineData("from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from")]
    [InlineData("from=yesterday", "from")]
    public async Task BadPeriod_Is400NamingTheParameter(string query, string field)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.Read);

        using var response = await api.GetAsync($"/api/v1/statistics?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).ErrorFields().ShouldContain(field);
    }
}
