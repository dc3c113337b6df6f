using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Parley.Core.Text;

namespace Parley.Bots.Engine.Templates;

/// <summary>
/// Fills a bot definition's templates from the engine's values (data-source rows, the contact, the session):
/// <c>{{name}}</c> (and positional <c>{{1}}</c>) placeholders, with <c>|format</c> in value expressions. Unlike
/// <see cref="Parley.Core.Templates.TemplateRenderer"/>, which fills an approved template's body with values a caller
/// gives as they are, it cleans each value. One pass: a value that contains
/// <c>{{x}}</c> stays literal and is never expanded. Values are cleaned the way WhatsApp wants template
/// parameters: no control characters, no line breaks or tabs, no runs of spaces, at most
/// <see cref="MaxValueLength"/> characters; a value that is empty after cleaning counts as missing.
/// </summary>
public static partial class TemplateFiller
{
    /// <summary>Longest parameter value kept (WhatsApp's own limit on a body parameter is about this).</summary>
    public const int MaxValueLength = 1024;

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_.]*|[0-9]{1,3})\s*(?:\|\s*([A-Za-z_]+)\s*)?\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    /// <summary>Renders a template with <paramref name="values"/> (parameter name → value).</summary>
    public static FilledTemplate Render(TemplateDefinition template, IReadOnlyDictionary<string, string?> values)
    {
        var parameters = new List<string>(template.Parameters.Count);
        var filled = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var p in template.Parameters)
        {
            var value = CleanValue(values.TryGetValue(p.Name, out var v) ? v : null) ?? CleanValue(p.Default);
            if (value is null)
            {
                if (p.Required)
                {
                    missing.Add(p.Name);
                }

                value = "";
            }

            filled[p.Name] = value;
            parameters.Add(value);
        }

        var text = Placeholder().Replace(template.Body ?? "", m =>
        {
            var key = m.Groups[1].Value;
            if (char.IsAsciiDigit(key[0]))
            {
                var index = int.Parse(key, CultureInfo.InvariantCulture) - 1;
                if (index >= 0 && index < parameters.Count)
                {
                    return parameters[index];
                }
            }
            else if (filled.TryGetValue(key, out var known))
            {
                return known;
            }
            else if (CleanValue(values.TryGetValue(key, out var extra) ? extra : null) is { } value)
            {
                return value;
            }

            if (!missing.Contains(key))
            {
                missing.Add(key);
            }

            return "";
        });
        return new FilledTemplate(text, parameters, missing);
    }

    /// <summary>
    /// Fills placeholders of a free text (engine sentences, plain-text answers); unknown ones become empty.
    /// A <c>|format</c> after the name is ignored here (values are already formatted).
    /// </summary>
    public static string RenderLenient(string text, IReadOnlyDictionary<string, string?> values) =>
        Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v) && v is not null ? Clean(v, keepLines: true) : "");

    /// <summary>The placeholder names of a text, in order of first appearance (for checks on import).</summary>
    public static IReadOnlyList<string> Placeholders(string? text) =>
        text is null ? [] : Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Placeholders with their <c>|format</c>, for value expressions like <c>{{starts_at|datetime}}</c>.</summary>
    public static string RenderExpression(string expression, Func<string, string?, string?> resolve) =>
        Placeholder().Replace(expression, m => resolve(m.Groups[1].Value, m.Groups[2].Success ? m.Groups[2].Value : null) ?? "");

    /// <summary>A value as a template parameter: cleaned, on one line, capped; null when nothing is left.</summary>
    public static string? CleanValue(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var clean = Clean(value, keepLines: false);
        return clean.Length == 0 ? null : clean;
    }

    private static string Clean(string value, bool keepLines)
    {
        var text = TextNormalizer.Sanitize(value, MaxValueLength);
        if (keepLines)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
