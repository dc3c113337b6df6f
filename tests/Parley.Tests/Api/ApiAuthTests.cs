using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Parley.Core.ApiKeys;

namespace Parley.Tests.Api;

/// <summary>Every /api/v1 endpoint needs a valid key (401) holding its scope (403).</summary>
public sealed class ApiAuthTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(DatabaseKind.Sqlite);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>
    /// The API's routes with sample values for route parameters. The sandbox's are open by design; sign-in's
    /// (/api/v1/auth, Identity) take no API key: a person proves their number there (Parley.Identity.Tests).
    /// </summary>
    private IReadOnlyList<(string Method, string Path)> ApiRoutes() =>
        _app.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1/", StringComparison.Ordinal)
                && !e.RoutePattern.RawText.StartsWith("/api/v1/sandbox", StringComparison.Ordinal)
                && !e.RoutePattern.RawText.StartsWith("/api/v1/auth/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, Sample(e.RoutePattern.RawText!))))
            .ToList();

    private static string Sample(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, "\\{[^}]+\\}", "1");

    [Fact]
    public async Task EveryApiRoute_WithoutKey_Is401ProblemWithBearerChallenge()
    {
        var routes = ApiRoutes();
        routes.Count.ShouldBeGreaterThan(30);
        foreach (var (method, path) in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method is "GET" or "DELETE" ? null : JsonContent.Create(new { }) };
            using var response = await _app.Client.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {path}");
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", $"{method} {path}");
            response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
        }
    }

    [Theory]
    [InlineData("pk_live_aaaaaaaaaaaa_notTheRightSecret")]
    [InlineData("not-a-key")]
    [InlineData("")]
    public async Task WrongKey_Is401(string key)
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + key);

        using var response = await client.GetAsync("/api/v1/conversations");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task KeyWithWrongSecretButRealPrefix_Is401()
    {
        var real = await _app.CreateApiKeyAsync(ApiScopes.Read);
        var forged = real[..^4] + (real.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);

        using var response = await client.GetAsync("/api/v1/conversations");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RevokedKey_Is401_AndXApiKeyHeaderWorksTheSame()
    {
        var key = await _app.CreateApiKeyAsync(ApiScopes.Read);
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        (await client.GetAsync("/api/v1/conversations")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var store = _app.Get<ApiKeyStore>();
        var info = (await store.ListAsync()).Single(k => key.Contains(k.Prefix, StringComparison.Ordinal));
        (await store.RevokeAsync(info.Id)).ShouldBeTrue();

        (await client.GetAsync("/api/v1/conversations")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ReadKey_CannotSend_403NamesTheScope()
    {
        using var client = await _app.ApiClientAsync(ApiScopes.Read);

        var (response, problem) = await client.PostJsonAsync("/api/v1/messages", new { account = "sandbox", to = "+15550001111", text = "hi" });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        problem.Str("detail").ShouldContain("messages:send");
    }

    [Fact]
    public async Task SendKey_CannotRead_AndReadKeyCannotAdminister()
    {
        using var sender = await _app.ApiClientAsync(ApiScopes.MessagesSend);
        (await sender.GetAsync("/api/v1/conversations")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var reader = await _app.ApiClientAsync(ApiScopes.Read);
        (await reader.GetAsync("/api/v1/conversations")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.GetAsync("/api/v1/api-keys")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reader.PostAsync("/api/v1/conversations/1/takeover", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reader.PostAsync("/api/v1/contacts/1/block", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reader.DeleteAsync("/api/v1/accounts/sandbox")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reader.PostAsync("/api/v1/webhook-events/replay", JsonContent.Create(new { failed = true }))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AdminKey_MayDoEverything_IncludingReadAndSend()
    {
        using var admin = await _app.ApiClientAsync(ApiScopes.Admin);

        (await admin.GetAsync("/api/v1/conversations")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetAsync("/api/v1/api-keys")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (response, _) = await admin.PostJsonAsync("/api/v1/messages", new { account = "sandbox", to = "+15550001111", text = "hi" });
        response.StatusCode.ShouldNotBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task OpenApiDocsAndHealth_NeedNoKey()
    {
        (await _app.Client.GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _app.Client.GetAsync("/docs/index.html")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _app.Client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
