namespace Parley.Cli;

/// <summary>
/// The <c>--param</c> values of <c>send</c> and <c>templates test</c>: <c>name=value</c> fills a named placeholder,
/// anything else fills <c>{{1}}</c>, <c>{{2}}</c>... in order (so a value may contain '=' after a non-name).
/// </summary>
internal sealed record TemplateArguments(List<string> Positional, Dictionary<string, string> Named)
{
    public static TemplateArguments Parse(IEnumerable<string>? values)
    {
        var arguments = new TemplateArguments([], new Dictionary<string, string>(StringComparer.Ordinal));
        foreach (var p in values ?? [])
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && p[..eq].All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                arguments.Named[p[..eq]] = p[(eq + 1)..];
            }
            else
            {
                arguments.Positional.Add(p);
            }
        }

        return arguments;
    }
}
