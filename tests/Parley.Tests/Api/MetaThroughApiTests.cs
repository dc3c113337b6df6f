using System.Net;
using Parley.Core.ApiKeys;

namespace Parley.Tests.Api;

/// <summary>
/// A Meta account run entirely through the API against the fake Graph API on 127.0.0.1: added with write-only
/// secrets, tested, its templates synced into the catalogue, and a template sent.
/// </summary>
public sealed class MetaThroughApiTests
{
    [Fact]
    public async Task AddTestSyncAndSendATemplate()
    {
        await using var graph = await FakeMetaGraph.StartAsync();
        graph.Templates.Add(FakeMetaGraph.Template("order_shipped", "es", "APPROVED", "UTILITY", "Hola {{1}}, tu pedido {{2}} va en camino."));
        graph.Templates.Add(FakeMetaGraph.Template("spring_sale", "es", "REJECTED", "MARKETING", "Ofertas"));
        graph.Templates.Add(FakeMetaGraph.Template("hello_world", "en_US", "APPROVED", "UTILITY", "Hello World"));
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.Admin);

        var (created, account) = await api.PostJsonAsync("/api/v1/accounts", new
        {
            id = "meta-api", provider = "meta",
            settings = new Dictionary<string, string>
            {
                ["PhoneNumberId"] = FakeMetaGraph.PhoneNumberId,
                ["BusinessAccountId"] = FakeMetaGraph.BusinessAccountId,
                ["ApiBaseUrl"] = graph.ApiBaseUrl,
            },
            secrets = new Dictionary<string, string>
            {
                ["AccessToken"] = FakeMetaGraph.AccessToken,
                ["AppSecret"] = FakeMetaGraph.AppSecret,
                ["VerifyToken"] = FakeMetaGraph.VerifyToken,
            },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, account.ToString());
        account.ToString().ShouldNotContain(FakeMetaGraph.AccessToken);

        var (tested, test) = await api.PostJsonAsync("/api/v1/accounts/meta-api/test", null);
        tested.StatusCode.ShouldBe(HttpStatusCode.OK);
        test.GetProperty("ok").GetBoolean().ShouldBeTrue(test.ToString());

        var (synced, sync) = await api.PostJsonAsync("/api/v1/templates/sync", new { account = "meta-api" });
        synced.StatusCode.ShouldBe(HttpStatusCode.OK, sync.ToString());
        sync.GetProperty("synced").GetInt32().ShouldBe(3);
        var templates = await api.GetJsonAsync("/api/v1/templates?account=meta-api");
        // The account's own (synced) templates; shared ones (the built-in bots') are listed with them.
        templates.GetProperty("items").EnumerateArray().Where(t => t.TryGetProperty("accountId", out var a) && a.GetString() == "meta-api")
            .Select(t => t.Str("name")).ShouldBe(["order_shipped", "hello_world"], ignoreOrder: true);

        // A rejected template is refused before Meta sees it; an approved one is sent with its parameters.
        var (rejected, problem) = await api.PostJsonAsync("/api/v1/messages", new { account = "meta-api", to = "+15550001111", template = new { name = "spring_sale", language = "es" } });
        rejected.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["template.name"]);

        var (sent, _) = await api.PostJsonAsync("/api/v1/messages", new
        {
            account = "meta-api", to = "+15550001111", template = new { name = "order_shipped", language = "es", parameters = new[] { "Ana", "A-1" } },
        });
        sent.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var send = (await graph.WaitForAcceptedAsync(1)).Single().Json!;
        send["to"]!.GetValue<string>().ShouldBe("15550001111");
        send["template"]!["name"]!.GetValue<string>().ShouldBe("order_shipped");
        send.ToJsonString().ShouldContain("A-1");
    }

    [Fact]
    public async Task Sync_WithoutABusinessAccountId_Is422SayingWhatIsMissing()
    {
        await using var graph = await FakeMetaGraph.StartAsync();
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, graph.AccountSettings("meta1"));
        using var api = await app.ApiClientAsync(ApiScopes.Admin);

        var (response, problem) = await api.PostJsonAsync("/api/v1/templates/sync", new { account = "meta1" });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        problem.Str("detail").ShouldContain("BusinessAccountId");
    }
}
