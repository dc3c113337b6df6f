using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Parley.Api;

/// <summary>
/// Schema corrections so that the document says what the API answers and accepts, as generated clients and validators read it.
/// </summary>
public static class ApiSchemaRules
{
    /// <summary>The message types <c>POST /api/v1/messages</c> takes.</summary>
    public static readonly IReadOnlyList<string> MessageTypes =
        ["text", "image", "audio", "video", "document", "sticker", "template", "interactive", "location", "reaction", "contacts"];

    /// <summary>
    /// Properties that may be null are left out of answers (nulls are not written), so they are never required; the
    /// generator marks every constructor parameter required (the six <c>PageViewOf*</c> schemas required <c>nextCursor</c>,
    /// which the last page leaves out).
    /// </summary>
    public static Task NullableIsOptional(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (schema.Required is { Count: > 0 } required && schema.Properties is { } properties)
        {
            foreach (var name in required.ToList())
            {
                if (properties.TryGetValue(name, out var property) && IsNullable(property))
                {
                    required.Remove(name);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary><c>SendMessageRequest</c>: <c>account</c> and <c>to</c> are required, <c>type</c> is one of <see cref="MessageTypes"/>.</summary>
    public static Task SendMessageRequest(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (context.JsonTypeInfo.Type != typeof(SendMessageRequest) || schema.Properties is not { } properties)
        {
            return Task.CompletedTask;
        }

        schema.Required = new HashSet<string> { "account", "to" };
        foreach (var name in new[] { "account", "to" })
        {
            if (properties.TryGetValue(name, out var p) && p is OpenApiSchema s)
            {
                s.Type = JsonSchemaType.String;
                s.MinLength = 1;
            }
        }

        if (properties.TryGetValue("type", out var type) && type is OpenApiSchema t)
        {
            t.Type = JsonSchemaType.String;
            t.Enum = [.. MessageTypes.Select(m => (JsonNode)JsonValue.Create(m))];
        }

        return Task.CompletedTask;
    }

    private static bool IsNullable(IOpenApiSchema schema) =>
        (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null))
        || schema.OneOf?.Any(o => o.Type == JsonSchemaType.Null) == true
        || schema.AnyOf?.Any(o => o.Type == JsonSchemaType.Null) == true;
}
