using System.Net;
using Parley.Core.ApiKeys;

namespace Parley.Tests.Api;

/// <summary>Templates: the catalogue with filters and paging, test rendering, and sync where no provider offers it.</summary>
public sealed class TemplatesApiTests
{
    [Theory, SqliteData, PostgresData]
    public async Task List_FiltersByCategoryLanguageAccountAndActive(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind);
        using var api = await app.ApiClientAsync(ApiScopes.Read);
        string[] queries = ["", "?category=marketing", "?language=en", "?activeOnly=false", "?account=other", "?account=shop"];
        var builtIn = new Dictionary<string, List<string>>(); // the built-in bots' shared templates are in the catalogue too
        foreach (var q in queries)
        {
            builtIn[q] = Names(await api.GetJsonAsync($"/api/v1/templates{q}{(q.Length == 0 ? "?" : "&")}limit=200"));
        }

        await ApiSeed.TemplateAsync(app, "order_shipped", "es", "Hola {{1}}", category: "UTILITY");
        await ApiSeed.TemplateAsync(app, "order_shipped", "en", "Hi {{1}}", category: "UTILITY");
        await ApiSeed.TemplateAsync(app, "promo", "es", "Oferta", category: "MARKETING", accountId: "shop");
        await ApiSeed.TemplateAsync(app, "old", "es", "Viejo", active: false);

        async Task<List<string>> Added(string q)
        {
            var names = Names(await api.GetJsonAsync($"/api/v1/templates{q}{(q.Length == 0 ? "?" : "&")}limit=200"));
            foreach (var name in builtIn[q])
            {
                names.Remove(name);
            }

            return names;
        }

        (await Added("")).ShouldBe(["order_shipped", "order_shipped", "promo"], ignoreOrder: true);
        (await Added("?category=marketing")).ShouldBe(["promo"]);
        (await Added("?language=en")).ShouldBe(["order_shipped"]);
        (await Added("?activeOnly=false")).Count.ShouldBe(4);
        (await Added("?account=other")).ShouldBe(["order_shipped", "order_shipped"]);
        (await Added("?account=shop")).Count.ShouldBe(3);

        // Cursor paging walks the whole list once.
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await api.GetJsonAsync($"/api/v1/templates?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            items.Count.ShouldBeLessThanOrEqualTo(2);
            seen.AddRange(items.Select(t => t.Str("id")));
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == System.Text.Json.JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);
        seen.Count.ShouldBe(builtIn[""].Count + 3);
        seen.Distinct().Count().ShouldBe(seen.Count);

        var shipped = (await api.GetJsonAsync("/api/v1/templates?language=es&name=order_shipped")).GetProperty("items")[0];
        shipped.GetProperty("parameters").EnumerateArray().Select(p => p.GetString()).ShouldBe(["1"]);
        shipped.Str("status").ShouldBe("APPROVED");
    }

    private static List<string> Names(System.Text.Json.JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(t => t.Str("name")).ToList();

    [Fact]
    public async Task Test_RendersACatalogueTemplate_AndReportsMissingAndUnused()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.Read);
        await ApiSeed.TemplateAsync(app, "order_shipped", "es", "Hola {{1}}, tu pedido {{2}} va en camino.");

        var (ok, complete) = await api.PostJsonAsync("/api/v1/templates/test", new { name = "order_shipped", language = "es", parameters = new[] { "Ana", "A-1" } });
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        complete.Str("rendered").ShouldBe("Hola Ana, tu pedido A-1 va en camino.");
        complete.GetProperty("complete").GetBoolean().ShouldBeTrue();

        var (_, partial) = await api.PostJsonAsync("/api/v1/templates/test", new { name = "order_shipped", language = "es", parameters = new[] { "Ana" }, namedParameters = new { extra = "x" } });
        partial.GetProperty("complete").GetBoolean().ShouldBeFalse();
        partial.GetProperty("missing").EnumerateArray().Select(m => m.GetString()).ShouldBe(["2"]);
        partial.GetProperty("unused").EnumerateArray().Select(m => m.GetString()).ShouldBe(["extra"]);
        partial.Str("rendered").ShouldBe("Hola Ana, tu pedido {{2}} va en camino.");
    }

    [Fact]
    public async Task Test_RendersAGivenBodyWithNamedParameters_AndNamesWhatIsMissing()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.Read);

        var (_, result) = await api.PostJsonAsync("/api/v1/templates/test", new { body = "Hi {{first_name}}, code {{ code }}", namedParameters = new { first_name = "Ana", code = "1234" } });
        result.Str("rendered").ShouldBe("Hi Ana, code 1234");

        var (missing, problem) = await api.PostJsonAsync("/api/v1/templates/test", new { language = "es" });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["name"]);

        var (unknown, _) = await api.PostJsonAsync("/api/v1/templates/test", new { name = "nope", language = "es" });
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Sync_ForAProviderWithoutSync_Is422SayingSo()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.Admin);

        var (response, problem) = await api.PostJsonAsync("/api/v1/templates/sync", new { account = "sandbox" });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        problem.Str("code").ShouldBe("sync_unavailable");
        (await api.PostJsonAsync("/api/v1/templates/sync", new { account = "nope" })).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
