using System.Net;
using System.Net.Http.Headers;
using Parley.Core.ApiKeys;

namespace Parley.Tests.Api;

/// <summary>API keys managed through the API: created once-shown, listed without the secret, revoked at once.</summary>
public sealed class ApiKeysApiTests
{
    [Fact]
    public async Task CreateListRevoke()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var admin = await app.ApiClientAsync(ApiScopes.Admin);

        var (created, body) = await admin.PostJsonAsync("/api/v1/api-keys", new { name = "crm", scopes = new[] { "read" } });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var key = body.Str("key");
        key.ShouldStartWith("pk_live_");
        var id = body.GetProperty("apiKey").Str("id");

        var list = await admin.GetStringAsync("/api/v1/api-keys");
        list.ShouldContain("\"crm\"");
        list.ShouldNotContain(key);

        using var crm = app.CreateClient();
        crm.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        (await crm.GetAsync("/api/v1/conversations")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.DeleteAsync($"/api/v1/api-keys/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await crm.GetAsync("/api/v1/conversations")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await admin.DeleteAsync($"/api/v1/api-keys/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_WithUnknownScope_Is400NamingScopes()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var admin = await app.ApiClientAsync(ApiScopes.Admin);

        var (response, problem) = await admin.PostJsonAsync("/api/v1/api-keys", new { name = "x", scopes = new[] { "everything" } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["scopes"]);
        (await admin.PostJsonAsync("/api/v1/api-keys", new { scopes = new[] { "read" } })).Json.ErrorFields().ShouldBe(["name"]);
    }
}
