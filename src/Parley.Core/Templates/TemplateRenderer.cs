using System.Text.RegularExpressions;

namespace Parley.Core.Templates;

/// <summary>
/// Fills WhatsApp-style placeholders: positional <c>{{1}}</c>, <c>{{2}}</c> (from a list, or named "1", "2") and named
/// <c>{{first_name}}</c>. Deliberately no logic (no conditions, loops or formatting): templates are approved text.
/// </summary>
public static partial class TemplateRenderer
{
    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex Placeholder();

    public static IReadOnlyList<string> PlaceholdersOf(string body) =>
        Placeholder().Matches(body).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    /// <param name="positional">Values for <c>{{1}}</c>, <c>{{2}}</c>... in order.</param>
    /// <param name="named">Values by placeholder name; a name like "1" fills <c>{{1}}</c> too.</param>
    public static RenderedTemplate Render(string body, IReadOnlyList<string>? positional, IReadOnlyDictionary<string, string>? named)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < (positional?.Count ?? 0); i++)
        {
            values[(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)] = positional![i];
        }

        foreach (var (k, v) in named ?? new Dictionary<string, string>())
        {
            values[k.Trim()] = v;
        }

        var placeholders = PlaceholdersOf(body);
        var missing = placeholders.Where(p => !values.ContainsKey(p)).ToList();
        var unused = values.Keys.Where(k => !placeholders.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var text = Placeholder().Replace(body, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
        return new RenderedTemplate(text, placeholders, missing, unused);
    }

    /// <summary>The values in placeholder order, for providers that take body parameters as a list.</summary>
    public static IReadOnlyList<string> OrderedValues(string body, IReadOnlyList<string>? positional, IReadOnlyDictionary<string, string>? named)
    {
        if (named is null || named.Count == 0)
        {
            return positional ?? [];
        }

        var rendered = Render(body, positional, named);
        var all = new Dictionary<string, string>(named, StringComparer.Ordinal);
        for (var i = 0; i < (positional?.Count ?? 0); i++)
        {
            all.TryAdd((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), positional![i]);
        }

        return rendered.Placeholders.Select(p => all.GetValueOrDefault(p, "")).ToList();
    }
}
