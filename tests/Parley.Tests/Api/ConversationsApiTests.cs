using System.Net;
using Parley.Core.ApiKeys;

namespace Parley.Tests.Api;

/// <summary>Conversations: cursor pagination, filters, one conversation with its messages, takeover and hand back.</summary>
public sealed class ConversationsApiTests
{
    private static string Phone(int i) => $"+1555000{i:D4}";

    [Theory, SqliteData, PostgresData]
    public async Task Pagination_WalksEveryPageOnce_NewestFirst(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind);
        using var api = await app.ApiClientAsync(ApiScopes.Read);
        for (var i = 0; i < 7; i++)
        {
            await app.Sandbox.SendAsync(Phone(i), $"hi {i}");
        }

        var seen = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await api.GetJsonAsync($"/api/v1/conversations?limit=3{(cursor is null ? "" : "&cursor=" + cursor)}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.Str("id")));
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
            pages++;
        }
        while (cursor is not null);

        pages.ShouldBe(3);
        seen.Count.ShouldBe(7);
        seen.Distinct().Count().ShouldBe(7);
        seen.Select(long.Parse).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public async Task Filters_ByContactAccountAndState()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.Admin);
        await app.Sandbox.SendAsync(Phone(1), "one", name: "Uno");
        await app.Sandbox.SendAsync(Phone(2), "two");

        var byPhone = await api.GetJsonAsync($"/api/v1/conversations?contact={Uri.EscapeDataString(Phone(1))}");
        var only = byPhone.GetProperty("items").EnumerateArray().Single();
        only.GetProperty("contact").Str("phone").ShouldBe(Phone(1));
        only.GetProperty("contact").Str("name").ShouldBe("Uno");
        only.GetProperty("windowOpen").GetBoolean().ShouldBeTrue();
        only.Str("accountId").ShouldBe("sandbox");

        var contactId = only.GetProperty("contact").Str("id");
        (await api.GetJsonAsync($"/api/v1/conversations?contact={contactId}")).GetProperty("items").GetArrayLength().ShouldBe(1);
        (await api.GetJsonAsync("/api/v1/conversations?account=sandbox")).GetProperty("items").GetArrayLength().ShouldBe(2);
        (await api.GetJsonAsync("/api/v1/conversations?account=elsewhere")).GetProperty("items").GetArrayLength().ShouldBe(0);

        (await api.PostAsync($"/api/v1/conversations/{only.Str("id")}/takeover", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var human = (await api.GetJsonAsync("/api/v1/conversations?state=human")).GetProperty("items").EnumerateArray().ToList();
        human.Select(c => c.Str("id")).ShouldBe([only.Str("id")]);
        (await api.GetJsonAsync("/api/v1/conversations?state=bot")).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Theory]
    [InlineData("state=asleep", "state")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("contact=somebody", "contact")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1000", "limit")]
    [InlineData("limit=many", "limit")]
    public async Task BadQuery_Is400NamingTheParameter(string query, string field)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.Read);

        using var response = await api.GetAsync($"/api/v1/conversations?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).ErrorFields().ShouldContain(field);
    }

    [Fact]
    public async Task OneConversation_AndItsMessagesPaged()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.Read);
        var echo = app.SandboxFor("echo"); // greeting and echo: three messages to page through
        await echo.SendAsync(Phone(1), "hello");
        await echo.WaitForRepliesAsync(Phone(1), 2);
        var id = (await api.GetJsonAsync("/api/v1/conversations")).GetProperty("items")[0].Str("id");

        var conversation = await api.GetJsonAsync($"/api/v1/conversations/{id}");
        conversation.Str("state").ShouldBe("bot");
        conversation.Str("lastMessageDirection").ShouldBe("outbound");

        var first = await api.GetJsonAsync($"/api/v1/conversations/{id}/messages?limit=2");
        first.GetProperty("items").GetArrayLength().ShouldBe(2);
        var rest = await api.GetJsonAsync($"/api/v1/conversations/{id}/messages?limit=2&cursor={first.Str("nextCursor")}");
        rest.GetProperty("items").EnumerateArray().Single().Str("text").ShouldBe("hello");
        rest.TryGetProperty("nextCursor", out _).ShouldBeFalse();

        (await api.GetAsync("/api/v1/conversations/999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync("/api/v1/conversations/999999/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TakeoverAndHandback_ChangeTheState_AndBotsSeeIt()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.Admin);
        await app.Sandbox.SendAsync(Phone(1), "hello");
        var id = (await api.GetJsonAsync("/api/v1/conversations")).GetProperty("items")[0].Str("id");

        var (taken, takenBody) = await api.PostJsonAsync($"/api/v1/conversations/{id}/takeover", new { by = "ana@example.com" });
        taken.StatusCode.ShouldBe(HttpStatusCode.OK);
        takenBody.Str("state").ShouldBe("human");

        var (back, backBody) = await api.PostJsonAsync($"/api/v1/conversations/{id}/handback", new { });
        back.StatusCode.ShouldBe(HttpStatusCode.OK);
        backBody.Str("state").ShouldBe("bot");

        (await api.PostAsync("/api/v1/conversations/999999/takeover", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
