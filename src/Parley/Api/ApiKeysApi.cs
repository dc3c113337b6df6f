using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.ApiKeys;

namespace Parley.Api;

/// <summary>API keys, managed with an admin key (the CLI's <c>apikeys</c> does the same without one).</summary>
public static class ApiKeysApi
{
    public static RouteGroupBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api-keys", "API keys");
        group.MapGet("/", ListAsync)
            .Admin()
            .WithName("ListApiKeys")
            .WithSummary("API keys (never the keys themselves)")
            .WithExamples(response: new List<ApiKeyView> { ApiKeyView.Example });
        group.MapPost("/", CreateAsync)
            .Admin()
            .WithName("CreateApiKey")
            .WithSummary("Create an API key")
            .WithDescription($"Scopes: {string.Join(", ", ApiScopes.All)} (default: {string.Join(", ", ApiScopes.Default)}). The answer holds the `key`, shown this once.")
            .ProducesValidationProblem()
            .WithExamples(new CreateApiKeyRequest { Name = "crm", Scopes = [ApiScopes.Read, ApiScopes.MessagesSend] },
                new CreatedApiKeyView(ApiKeyView.Example, "pk_live_h3k9m2p7q4rs_…"), StatusCodes.Status201Created);
        group.MapDelete("/{id:long}", RevokeAsync)
            .Admin()
            .WithName("RevokeApiKey")
            .WithSummary("Revoke an API key")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Ok<List<ApiKeyView>>> ListAsync(ApiKeyStore keys, CancellationToken ct) =>
        TypedResults.Ok((await keys.ListAsync(includeRevoked: false, ct)).Select(ApiKeyView.From).ToList());

    private static async Task<Results<Created<CreatedApiKeyView>, ValidationProblem>> CreateAsync(
        CreateApiKeyRequest request, ClaimsPrincipal user, ApiKeyStore keys, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            return ApiProblems.Validation("name", "'name' is required (at most 100 characters): who or what uses the key.");
        }

        var scopes = ApiScopes.Parse(request.Scopes ?? ApiScopes.Default, out var unknown);
        if (unknown.Count > 0 || scopes.Count == 0)
        {
            return ApiProblems.Validation("scopes", $"Scopes must be among {string.Join(", ", ApiScopes.All)}{(unknown.Count > 0 ? $"; unknown: {string.Join(", ", unknown)}" : "")}.");
        }

        var created = await keys.CreateAsync(request.Name, scopes, user.Actor(), ct);
        return TypedResults.Created($"{ApiExtensions.Prefix}/api-keys/{created.Info.Id}", new CreatedApiKeyView(ApiKeyView.From(created.Info), created.Key));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(long id, ApiKeyStore keys, CancellationToken ct) =>
        await keys.RevokeAsync(id, ct) ? TypedResults.NoContent() : ApiProblems.NotFound($"No active API key {id}.");
}
