using System.Net;
using Parley.Core.ApiKeys;

namespace Parley.Tests.Api;

/// <summary>Contacts: search with paging, and block / allow / opt-out switches.</summary>
public sealed class ContactsApiTests
{
    [Fact]
    public async Task Search_ByNameOrDigits_AndPages()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.Read);
        await app.Sandbox.SendAsync("+15550001111", "hi", name: "Ana María");
        await app.Sandbox.SendAsync("+15550002222", "hi", name: "Beto");
        await app.Sandbox.SendAsync("+447700900123", "hi", name: "Carla");

        (await api.GetJsonAsync("/api/v1/contacts?search=mar")).GetProperty("items").EnumerateArray().Single().Str("name").ShouldBe("Ana María");
        (await api.GetJsonAsync("/api/v1/contacts?search=2222")).GetProperty("items").EnumerateArray().Single().Str("name").ShouldBe("Beto");
        (await api.GetJsonAsync("/api/v1/contacts?search=%2B44%207700")).GetProperty("items").EnumerateArray().Single().Str("name").ShouldBe("Carla");
        (await api.GetJsonAsync("/api/v1/contacts?search=nobody")).GetProperty("items").GetArrayLength().ShouldBe(0);

        var first = await api.GetJsonAsync("/api/v1/contacts?limit=2");
        first.GetProperty("items").GetArrayLength().ShouldBe(2);
        var second = await api.GetJsonAsync($"/api/v1/contacts?limit=2&cursor={first.Str("nextCursor")}");
        second.GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Switches_SetAndClearEachFlag(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind);
        using var api = await app.ApiClientAsync(ApiScopes.Admin);
        await app.Sandbox.SendAsync("+15550001111", "hi");
        var id = (await api.GetJsonAsync("/api/v1/contacts")).GetProperty("items")[0].Str("id");

        foreach (var (action, field, value) in new[]
        {
            ("block", "blocked", true), ("unblock", "blocked", false),
            ("allow", "allowed", true), ("disallow", "allowed", false),
            ("optout", "optedOut", true), ("optin", "optedOut", false),
        })
        {
            var (response, contact) = await api.PostJsonAsync($"/api/v1/contacts/{id}/{action}", null);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, action);
            contact.GetProperty(field).GetBoolean().ShouldBe(value, action);
            (await api.GetJsonAsync($"/api/v1/contacts/{id}")).GetProperty(field).GetBoolean().ShouldBe(value, action);
        }

        (await api.PostAsync("/api/v1/contacts/999999/block", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync("/api/v1/contacts/999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BlockedContact_CannotBeSentTo()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.Admin);
        await app.Sandbox.SendAsync("+15550001111", "hi");
        var id = (await api.GetJsonAsync("/api/v1/contacts")).GetProperty("items")[0].Str("id");
        await api.PostAsync($"/api/v1/contacts/{id}/block", null);

        var (response, problem) = await api.PostJsonAsync("/api/v1/messages", new { account = "sandbox", to = "+15550001111", text = "hi" });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        problem.Str("code").ShouldBe("contact_blocked");
    }
}
