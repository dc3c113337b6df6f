using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;

namespace Parley.Tests.Api;

/// <summary>/openapi/v1.json describes every /api/v1 route with its schemas, scopes and examples; /docs shows it.</summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private JsonElement _document;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        _document = JsonDocument.Parse(await _app.Client.GetStringAsync("/openapi/v1.json")).RootElement.Clone();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private IEnumerable<(string Method, string Path, RouteEndpoint Endpoint)> ApiRoutes() =>
        _app.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m.ToLowerInvariant(), System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText!.TrimEnd('/'), "\\{([^}:]+)(:[^}]+)?\\}", "{$1}"), e)));

    [Fact]
    public void EveryApiRoute_IsDescribed_WithResponseSchemas()
    {
        var paths = _document.GetProperty("paths");
        var routes = ApiRoutes().ToList();
        routes.Count.ShouldBeGreaterThan(35);
        foreach (var (method, path, _) in routes)
        {
            paths.TryGetProperty(path, out var item).ShouldBeTrue($"{path} is missing from the document");
            item.TryGetProperty(method, out var operation).ShouldBeTrue($"{method} {path} is missing");
            var responses = operation.GetProperty("responses").EnumerateObject().ToList();
            var success = responses.Where(r => r.Name.StartsWith('2')).ToList();
            success.ShouldNotBeEmpty($"{method} {path} has no success response");
            foreach (var r in success.Where(r => r.Name != "204"))
            {
                if (r.Name == "202" && !r.Value.TryGetProperty("content", out _))
                {
                    continue; // Accepted without a body (redeliver).
                }

                r.Value.GetProperty("content").EnumerateObject().First().Value.TryGetProperty("schema", out _).ShouldBeTrue($"{method} {path} {r.Name} has no schema");
            }

            if (path.StartsWith("/api/v1/sandbox", StringComparison.Ordinal))
            {
                continue;
            }

            operation.GetProperty("operationId").GetString().ShouldNotBeNullOrEmpty($"{method} {path}");
            if (path.StartsWith("/api/v1/auth/", StringComparison.Ordinal))
            {
                // Sign-in (Identity): no API key; limited per client address instead.
                responses.Select(r => r.Name).ShouldContain("429", $"{method} {path}");
                continue;
            }

            if (operation.GetProperty("security")[0].TryGetProperty("ParleyIdentity", out _))
            {
                // A signed-in person's routes (the booking guests'): their Identity session, no API key, limited per client.
                responses.Select(r => r.Name).ShouldContain("401", $"{method} {path}");
                responses.Select(r => r.Name).ShouldContain("429", $"{method} {path}");
                continue;
            }

            operation.GetProperty("security")[0].GetProperty("ApiKey").GetArrayLength().ShouldBe(1, $"{method} {path} names its scope");
            responses.Select(r => r.Name).ShouldContain("401", $"{method} {path}");
            responses.Select(r => r.Name).ShouldContain("403", $"{method} {path}");
            responses.Select(r => r.Name).ShouldContain("429", $"{method} {path}");
        }
    }

    [Fact]
    public void EveryApiRouteWithABody_DescribesTheRequestSchema()
    {
        var paths = _document.GetProperty("paths");
        foreach (var (method, path, endpoint) in ApiRoutes())
        {
            var takesBody = endpoint.Metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>().Any();
            var operation = paths.GetProperty(path).GetProperty(method);
            if (!takesBody)
            {
                continue;
            }

            var content = operation.GetProperty("requestBody").GetProperty("content");
            content.EnumerateObject().First().Value.TryGetProperty("schema", out _).ShouldBeTrue($"{method} {path} request has no schema");
        }
    }

    [Fact]
    public void SendMessage_HasRequestAndResponseExamples_AndTheBearerScheme()
    {
        var send = _document.GetProperty("paths").GetProperty("/api/v1/messages").GetProperty("post");
        send.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").Str("to").ShouldBe("+15550001111");
        send.GetProperty("responses").GetProperty("202").GetProperty("content").GetProperty("application/json").GetProperty("example").Str("status").ShouldBe("queued");
        send.GetProperty("responses").TryGetProperty("422", out _).ShouldBeTrue();
        send.GetProperty("security")[0].GetProperty("ApiKey")[0].GetString().ShouldBe("messages:send");
        var scheme = _document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        scheme.Str("type").ShouldBe("http");
        scheme.Str("scheme").ShouldBe("bearer");
        _document.GetProperty("components").GetProperty("schemas").GetProperty("SendMessageRequest").GetProperty("properties").TryGetProperty("template", out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("/api/v1/media")]
    [InlineData("/api/v1/kb/documents")]
    public void Uploads_DescribeTheirMultipartBody_WithTheFile(string path)
    {
        var post = _document.GetProperty("paths").GetProperty(path).GetProperty("post");
        var schema = post.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");
        var file = schema.GetProperty("properties").GetProperty("file");
        file.Str("type").ShouldBe("string");
        file.Str("format").ShouldBe("binary");
        schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ShouldContain("file");
    }

    [Fact]
    public void Media_Download_IsDescribedAsAFile_WithItsScope()
    {
        var get = _document.GetProperty("paths").GetProperty("/api/v1/media/{id}").GetProperty("get");
        get.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/octet-stream", out _).ShouldBeTrue();
        get.GetProperty("responses").TryGetProperty("404", out _).ShouldBeTrue();
        get.GetProperty("security")[0].GetProperty("ApiKey")[0].GetString().ShouldBe("read");
    }

    [Fact]
    public async Task Docs_ServesTheUi_PointedAtTheDocument()
    {
        using var index = await _app.Client.GetAsync("/docs/index.html");
        index.StatusCode.ShouldBe(HttpStatusCode.OK);
        index.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var config = await _app.Client.GetStringAsync("/docs/index.js");
        config.ShouldContain("/openapi/v1.json");
    }
}
