using System.Net;
using Dapper;

namespace Parley.Tests.Api;

/// <summary>Seed 000's routes: a dry run of an account's bot, the bots' performance in the statistics, templates/test without a language.</summary>
public sealed class SeedRoutesTests
{
    [Fact]
    public async Task DryRun_AnswersWithTheBotsReplies_AndStoresNothing()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync();
        var before = await CountsAsync(app);

        var (response, body) = await api.PostJsonAsync("/api/v1/bots/dry-run", new { account = "ministry", phone = "+15550009999", text = "hola" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToString());
        body.Str("bot").ShouldBe("ministry");
        body.GetProperty("replies").GetArrayLength().ShouldBeGreaterThan(0);
        body.GetProperty("texts").EnumerateArray().ShouldAllBe(t => t.GetString()!.Length > 0);
        (await CountsAsync(app)).ShouldBe(before);

        var (missing, problem) = await api.PostJsonAsync("/api/v1/bots/dry-run", new { account = "ministry", phone = "555", text = "hola" });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["phone"]);
    }

    [Fact]
    public async Task Statistics_ReportTheBotsSuccessRateAndProcessingTime()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync();
        await app.SandboxFor("ministry").SendAsync("+15550001111", "hola");
        await app.SandboxFor("ministry").WaitForRepliesAsync("+15550001111", 1);

        var statistics = await api.GetJsonAsync("/api/v1/statistics?account=ministry");

        var bots = statistics.GetProperty("bots");
        bots.GetProperty("interactions").GetInt64().ShouldBe(1);
        bots.GetProperty("succeeded").GetInt64().ShouldBe(1);
        bots.GetProperty("successRate").GetDouble().ShouldBe(1);
        bots.GetProperty("averageProcessingMs").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task TemplateTest_WithoutALanguage_UsesTheDefaultOrTheOnlyOne()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Parley:Accounts:0:Id"] = "shop", ["Parley:Accounts:0:Provider"] = "sandbox", ["Parley:Accounts:0:Bot"] = "echo",
            ["Parley:Accounts:0:Language"] = "es",
        });
        using var api = await app.ApiClientAsync();
        await ApiSeed.TemplateAsync(app, "order_shipped", "en_US", "Hi {{1}}, order {{2}} shipped.", "shop");
        await ApiSeed.TemplateAsync(app, "order_shipped", "es_MX", "Hola {{1}}, tu pedido {{2}} va en camino.", "shop");
        await ApiSeed.TemplateAsync(app, "welcome", "pt_BR", "Olá {{1}}", "shop");

        var (regional, rendered) = await api.PostJsonAsync("/api/v1/templates/test", new { name = "order_shipped", account = "shop", parameters = new[] { "Ana", "A-1" } });
        regional.StatusCode.ShouldBe(HttpStatusCode.OK, rendered.ToString());
        rendered.Str("rendered").ShouldBe("Hola Ana, tu pedido A-1 va en camino.");
        rendered.Str("language").ShouldBe("es_MX");

        var (only, single) = await api.PostJsonAsync("/api/v1/templates/test", new { name = "welcome", account = "shop", parameters = new[] { "Ana" } });
        only.StatusCode.ShouldBe(HttpStatusCode.OK, single.ToString());
        single.Str("language").ShouldBe("pt_BR");

        var (explicitMissing, _) = await api.PostJsonAsync("/api/v1/templates/test", new { name = "welcome", language = "es", account = "shop" });
        explicitMissing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task<(long Messages, long Contacts, long Interactions)> CountsAsync(TestApp app)
    {
        await using var c = await app.Get<Database>().OpenAsync();
        return (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages"), await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM contacts"),
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM bot_interactions"));
    }
}
