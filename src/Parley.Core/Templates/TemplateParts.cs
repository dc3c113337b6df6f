using System.Text.Json;

namespace Parley.Core.Templates;

/// <summary>The parts of a template read back from its <c>components</c> (Meta's shape, whether written here or synced).</summary>
public sealed record TemplateParts(string? Header, string? Body, string? Footer, IReadOnlyList<string> Buttons)
{
    public static TemplateParts Of(TemplateInfo template)
    {
        string? header = null, body = template.Body, footer = null;
        var buttons = new List<string>();
        if (string.IsNullOrWhiteSpace(template.Components))
        {
            return new TemplateParts(null, body, null, buttons);
        }

        try
        {
            using var doc = JsonDocument.Parse(template.Components);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                return new TemplateParts(null, body, null, buttons);
            }

            foreach (var part in doc.RootElement.EnumerateArray())
            {
                var type = part.TryGetProperty("type", out var t) ? t.GetString()?.ToUpperInvariant() : null;
                var text = part.TryGetProperty("text", out var x) && x.ValueKind == JsonValueKind.String ? x.GetString() : null;
                switch (type)
                {
                    case "HEADER":
                        header = text ?? (part.TryGetProperty("format", out var f) ? $"[{f.GetString()?.ToLowerInvariant()}]" : null);
                        break;
                    case "BODY":
                        body ??= text;
                        break;
                    case "FOOTER":
                        footer = text;
                        break;
                    case "BUTTONS" when part.TryGetProperty("buttons", out var list) && list.ValueKind == JsonValueKind.Array:
                        buttons.AddRange(list.EnumerateArray()
                            .Select(b => b.TryGetProperty("text", out var bt) ? bt.GetString() : null)
                            .OfType<string>());
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Components Parley cannot read still leave the body to show.
        }

        return new TemplateParts(header, body, footer, buttons);
    }
}
