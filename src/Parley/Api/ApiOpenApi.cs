using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Parley.Identity;
using Parley.Identity.Web;

namespace Parley.Api;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> (Microsoft.AspNetCore.OpenApi) and its UI at <c>/docs</c>
/// (Swashbuckle's Swagger UI pointed at it): the bearer scheme, which scope each operation needs, the problem
/// answers every API operation can give (401, 403, 429), and example bodies.
/// </summary>
public static class ApiOpenApi
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddApiOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Parley API",
                    Version = "v1",
                    Description =
                        "Send WhatsApp messages and read what Parley stored: messages with their status history, conversations, contacts, " +
                        "templates, statistics, webhook events, and outgoing webhooks. Authenticate with an API key: " +
                        "`Authorization: Bearer pk_live_…` (create one with `dotnet run --project src/Parley -- apikeys create --name NAME`). " +
                        "Scopes: `read` (GET), `messages:send` (sending), `admin` (changes; includes the others); the modules' own: " +
                        "`clinic:read`/`clinic:write`, `booking:read`/`booking:write`. The resort's guests call /api/v1/booking/guest with their sign-in session instead. " +
                        "Lists are newest first and paged with an opaque `cursor` (pass `nextCursor` back). Errors are RFC 7807 problem details.",
                };
                document.Components ??= new OpenApiComponents();
                document.AddComponent(ApiKeyAuthenticationHandler.SchemeName, new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "Parley API key (pk_live_…)",
                    Description = "An API key created with `apikeys create` or POST /api/v1/api-keys.",
                });
                document.AddComponent(IdentityAuthentication.Scheme, new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "Sign-in session token (ps_…)",
                    Description = "A person's session from POST /api/v1/auth/otp/verify (also sent as the parley_session cookie).",
                });
                return Task.CompletedTask;
            });
            o.AddDocumentTransformer(ApiDocumentRules.ApplyAsync);
            o.AddSchemaTransformer(ApiSchemaRules.NullableIsOptional);
            o.AddSchemaTransformer(ApiSchemaRules.SendMessageRequest);
            o.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                var scopes = metadata.OfType<IAuthorizeData>().Select(a => ApiScopePolicies.ScopeOf(a.Policy)).OfType<string>().Distinct().ToList();
                var json = context.ApplicationServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
                if (scopes.Count > 0)
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document)] = [.. scopes],
                    });
                    operation.Description = $"{operation.Description}\n\nNeeds an API key with the scope `{string.Join("`, `", scopes)}`.".Trim();
                    Describe(operation, "401", "No API key, or an unknown or revoked one.");
                    Describe(operation, "403", "The API key lacks the scope.");
                    Describe(operation, "429", "Too many requests for this API key; the Retry-After header says when to try again.");
                }

                if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy == IdentityPolicies.SignedIn))
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(IdentityAuthentication.Scheme, context.Document)] = [],
                    });
                    Describe(operation, "401", "No sign-in session, or an expired or revoked one.");
                    Describe(operation, "429", "Too many requests from this client; the Retry-After header says when to try again.");
                }

                Describe(operation, "400", "The request is not valid: 'errors' names each field that failed.");
                Describe(operation, "404", "No such resource.");
                Describe(operation, "409", "The request conflicts with the current state.");
                Describe(operation, "422", "Well formed, but WhatsApp's rules forbid it now (for example: a template is needed).");
                if (operation.RequestBody is not null && scopes.Count > 0)
                {
                    operation.Responses ??= [];
                    operation.Responses.TryAdd("415", new OpenApiResponse
                    {
                        Description = "The body's content type is not one the operation takes (see the request body).",
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
                        },
                    });
                }

                // The sandbox's media route (Parley.Channels) serves stored files the same way as GET /api/v1/media/{id}.
                if (metadata.OfType<FileDownload>().Any() || metadata.OfType<IEndpointNameMetadata>().Any(n => n.EndpointName == "GetSandboxMedia"))
                {
                    FileDownload.Describe(operation);
                }

                if (metadata.OfType<ApiExamples>().LastOrDefault() is { } examples)
                {
                    if (examples.Request is not null && operation.RequestBody?.Content is { } requestContent)
                    {
                        foreach (var media in requestContent.Values)
                        {
                            media.Example = JsonSerializer.SerializeToNode(examples.Request, json);
                        }
                    }

                    foreach (var (status, example) in examples.Responses)
                    {
                        if (operation.Responses?.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) == true
                            && response.Content is { } content)
                        {
                            foreach (var media in content.Values)
                            {
                                media.Example = JsonSerializer.SerializeToNode(example, json);
                            }
                        }
                    }
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>Adds example bodies to the endpoint's OpenAPI description.</summary>
    public static RouteHandlerBuilder WithExamples(this RouteHandlerBuilder builder, object? request = null, object? response = null, int status = 200) =>
        builder.WithMetadata(new ApiExamples(request, response is null ? new Dictionary<int, object>() : new Dictionary<int, object> { [status] = response }));

    /// <summary>A multipart/form-data request body: each field a string, binary where it is a file.</summary>
    public static OpenApiRequestBody MultipartBody(string description, params FormField[] fields) => new()
    {
        Required = true,
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = fields.Where(f => f.Required).Select(f => f.Name).ToHashSet(),
                    Properties = fields.ToDictionary(f => f.Name, f => (IOpenApiSchema)new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Format = f.File ? "binary" : null,
                        Description = f.Description,
                    }),
                },
            },
        },
    };

    /// <summary>
    /// Describes an upload endpoint's multipart body in the document without <c>Accepts</c> metadata on the endpoint: that
    /// metadata makes routing answer 415 to any other content type before authentication can answer 401 (and before a
    /// handler can name the missing field).
    /// </summary>
    public static TBuilder DescribeMultipartUpload<TBuilder>(this TBuilder builder, string method, OpenApiRequestBody body)
        where TBuilder : IEndpointConventionBuilder
    {
        // Finally: after the endpoint's own conventions, which may have added Accepts (the knowledge base's do).
        builder.Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<HttpMethodMetadata>().Any(m => m.HttpMethods.Contains(method)))
            {
                foreach (var accepts in endpoint.Metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>().ToList())
                {
                    endpoint.Metadata.Remove(accepts);
                }
            }
        });
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            if (string.Equals(context.Description.HttpMethod, method, StringComparison.OrdinalIgnoreCase))
            {
                operation.RequestBody = body;
            }

            return Task.CompletedTask;
        });
        return builder;
    }

    private static void Describe(OpenApiOperation operation, string status, string description)
    {
        if (operation.Responses?.TryGetValue(status, out var response) == true && response is OpenApiResponse r)
        {
            r.Description = description;
        }
    }

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.DocumentTitle = "Parley API";
            o.SwaggerEndpoint(DocumentPath, "Parley API v1");
        });
        return app;
    }
}
