using Microsoft.AspNetCore.Authentication;
using Parley.Ai.Knowledge;
using Parley.Core.ApiKeys;

namespace Parley.Api;

/// <summary>The REST API at <c>/api/v1</c>: API-key authentication with scopes, per-key rate limits, OpenAPI and its UI.</summary>
public static class ApiExtensions
{
    public const string Prefix = "/api/v1";

    public static WebApplicationBuilder AddParleyApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddApiScopePolicies();
        services.AddApiRateLimiting();
        services.AddApiOpenApi();
        // Binding failures (malformed JSON, wrong types) become exceptions that ProblemExceptionHandler answers with the field.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return builder;
    }

    public static WebApplication UseParleyApi(this WebApplication app)
    {
        app.UseAuthentication();
        // The key is read before the rate limiter, which then counts a request against its key, or against its client
        // address without a valid one (a caller guessing keys meets 429, not endless 401s). Authorization comes after.
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Prefix) && context.User.Identity?.IsAuthenticated != true
                && await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName) is { Succeeded: true } key)
            {
                context.User = key.Principal;
            }

            await next(context);
        });
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        app.MapApiDocs();
        app.MapMessagesApi();
        app.MapHistoryApi();
        app.MapMediaApi();
        app.MapConversationsApi();
        app.MapStatisticsApi();
        app.MapTemplatesApi();
        app.MapAccountsApi();
        app.MapContactsApi();
        app.MapWebhookEventsApi();
        app.MapWebhooksApi();
        app.MapApiKeysApi();
        app.MapInteractionsApi();
        app.MapBotsApi();
        app.MapKnowledgeApi()
            .RequireRateLimiting(ApiRateLimiting.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireScopeByMethod()
            .DescribeMultipartUpload("POST", ApiOpenApi.MultipartBody(
                "The document, as the multipart/form-data field `file`, with optional fields.",
                new FormField("file", "A text, Markdown, HTML, PDF or DOCX document.", Required: true, File: true),
                new FormField("accountId", "The account whose assistant uses it; without it, every account."),
                new FormField("bot", "Only for this bot; without it, every bot of the account."),
                new FormField("title", "The title shown as its source; defaults to the document's own title or file name.")));
        return app;
    }

    /// <summary>
    /// For endpoint groups other parts define (the knowledge base's): GETs need <c>read</c>, changes need <c>admin</c>.
    /// </summary>
    internal static RouteGroupBuilder RequireScopeByMethod(this RouteGroupBuilder group)
    {
        ((IEndpointConventionBuilder)group).Add(endpoint =>
        {
            var methods = endpoint.Metadata.OfType<HttpMethodMetadata>().SelectMany(m => m.HttpMethods).ToList();
            var scope = methods.Count > 0 && methods.All(m => m is "GET" or "HEAD") ? ApiScopes.Read : ApiScopes.Admin;
            endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute(ApiScopePolicies.For(scope)));
        });
        return group;
    }

    /// <summary>A group under /api/v1 with what every API endpoint shares: the rate limit, the tag, the auth problems.</summary>
    internal static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder app, string path, string tag) =>
        app.MapGroup(Prefix + path).WithTags(tag).AsApiGroup();

    /// <summary>What every API endpoint shares, for a group a module maps itself (the clinic's): the rate limit, the auth problems.</summary>
    public static RouteGroupBuilder AsApiGroup(this RouteGroupBuilder group) =>
        group
            .RequireRateLimiting(ApiRateLimiting.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    /// <summary>
    /// For a group of routes a signed-in person calls with their Identity session (the booking guests'): the API's rate
    /// limit (per client address) and the problems they can meet (401 without a session, 429).
    /// </summary>
    public static RouteGroupBuilder AsSessionApiGroup(this RouteGroupBuilder group) =>
        group
            .RequireRateLimiting(ApiRateLimiting.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    internal static RouteHandlerBuilder Read(this RouteHandlerBuilder builder) => builder.RequireScope(ApiScopes.Read);

    internal static RouteHandlerBuilder Admin(this RouteHandlerBuilder builder) => builder.RequireScope(ApiScopes.Admin);
}
