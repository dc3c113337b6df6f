using System.Text.Json;

namespace Parley.Bots.Engine.Templates;

/// <summary>
/// A message template (a row of the <c>templates</c> table): local ones written for bots, and the provider's
/// approved ones synced by the channel. The body uses named placeholders (<c>{{customer_name}}</c>) or
/// positional ones (<c>{{1}}</c>, the n-th of <see cref="Parameters"/>).
/// </summary>
public sealed record TemplateDefinition(string Name, string Language)
{
    public long Id { get; init; }

    /// <summary>'' for every account.</summary>
    public string AccountId { get; init; } = "";
    public string? Category { get; init; }
    public string Status { get; init; } = "local";
    public string? ProviderTemplateId { get; init; }
    public string? Body { get; init; }

    /// <summary>In the order the provider expects the body parameters.</summary>
    public IReadOnlyList<TemplateParameter> Parameters { get; init; } = [];
    public bool Active { get; init; } = true;
    public string Source { get; init; } = "local";

    /// <summary>
    /// Reads the <c>parameters</c> column: a JSON array of names (<c>["customer_name", ...]</c>) or of objects
    /// (<c>{"name": "customer_name", "default": "amigo(a)", "required": true}</c>), mixed freely.
    /// </summary>
    public static IReadOnlyList<TemplateParameter> ParseParameters(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var list = new List<TemplateParameter>();
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } name)
            {
                list.Add(new TemplateParameter(name));
            }
            else if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("name", out var n) && n.GetString() is { Length: > 0 } named)
            {
                list.Add(new TemplateParameter(named)
                {
                    Default = item.TryGetProperty("default", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null,
                    Required = !item.TryGetProperty("required", out var r) || r.ValueKind != JsonValueKind.False,
                });
            }
        }

        return list;
    }

    public static string SerializeParameters(IEnumerable<TemplateParameter> parameters) =>
        JsonSerializer.Serialize(parameters.Select(p => p.Default is null && p.Required
            ? (object)p.Name
            : new Dictionary<string, object?> { ["name"] = p.Name, ["default"] = p.Default, ["required"] = p.Required }));
}
