using System.CommandLine;
using System.Text.RegularExpressions;

namespace Parley.Cli;

/// <summary>
/// Parse errors as sentences for people: an unknown command says so first (with the closest name), a value of the wrong
/// kind names the option and what it takes (not "System.Int32"), a command group without its command lists them.
/// </summary>
public static partial class CliErrors
{
    /// <summary>The problems (each printed after "usage: ") and a hint line or none.</summary>
    public static (IReadOnlyList<string> Problems, string? Hint) Describe(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        if (command.Subcommands.Count > 0 && command.Action is null)
        {
            // `parley foo` or `parley apikeys lst`: the first word that is not an option is the command that was not found.
            var word = parse.Tokens.Select(t => t.Value).SkipWhile(v => CliHelp.Path(command).Any(c => c.Name == v))
                .FirstOrDefault(v => !v.StartsWith('-'));
            var names = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
            var where = command is RootCommand ? "" : $"{string.Join(' ', CliHelp.Path(command).Select(c => c.Name))} ";
            if (word is null)
            {
                return ([$"'{where.Trim()}' needs a command: {string.Join(", ", names)}."], null);
            }

            var closest = Closest(word, names);
            return (
                [$"unknown command '{where}{word}'." + (closest is null ? "" : $" Did you mean '{where}{closest}'?")],
                $"The commands{(where.Length == 0 ? "" : " of '" + where.Trim() + "'")} are: {string.Join(", ", names)}.");
        }

        return (parse.Errors.Select(e => Rewrite(e.Message)).Distinct().ToList(), null);
    }

    /// <summary>
    /// An option the command does not have but nearly does (<c>--formt</c>): a typo, not a configuration override, so it is a
    /// usage error rather than a setting nobody reads. Overrides name a key with a colon (<c>--Parley:X=…</c>) or are far
    /// from every option of the command (<c>--urls=…</c>).
    /// </summary>
    public static string? MistypedOption(ParseResult parse)
    {
        var options = parse.CommandResult.Command.Options.SelectMany(o => o.Aliases.Append(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal)).ToList();
        foreach (var token in parse.UnmatchedTokens.Where(t => t.StartsWith("--", StringComparison.Ordinal)))
        {
            var name = token.Split('=')[0];
            if (name.Contains(':', StringComparison.Ordinal) || options.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var closest = options.Select(o => (Option: o, Distance: Distance(name.ToLowerInvariant(), o))).OrderBy(x => x.Distance).FirstOrDefault();
            if (closest.Option is not null && closest.Distance <= 2)
            {
                return $"unknown option '{name}'. Did you mean '{closest.Option}'?";
            }
        }

        return null;
    }

    /// <summary>System.CommandLine's conversion message, with the type said in words.</summary>
    public static string Rewrite(string message)
    {
        var m = CannotParse().Match(message);
        if (!m.Success)
        {
            return message;
        }

        var (value, symbol, type) = (m.Groups["value"].Value, m.Groups["symbol"].Value, m.Groups["type"].Value);
        return $"{symbol} takes {Kind(type)}, not '{value}'.";
    }

    private static string Kind(string type) => type.TrimEnd('?').Replace("System.Nullable`1[", "", StringComparison.Ordinal).TrimEnd(']') switch
    {
        "System.Int32" or "System.Int64" or "System.Int16" => "a whole number",
        "System.Double" or "System.Decimal" or "System.Single" => "a number",
        "System.Boolean" => "true or false",
        "System.TimeSpan" => "a duration like 00:05:00",
        "System.DateTimeOffset" or "System.DateTime" => "a date and time like 2026-01-31T14:00:00Z",
        "System.IO.FileInfo" => "a file path",
        _ => "another kind of value",
    };

    /// <summary>The name within two edits, or the only one starting with the typed word.</summary>
    private static string? Closest(string word, IReadOnlyList<string> names)
    {
        var best = names.Select(n => (Name: n, Distance: Distance(word.ToLowerInvariant(), n))).OrderBy(x => x.Distance).FirstOrDefault();
        if (best.Name is not null && best.Distance <= 2)
        {
            return best.Name;
        }

        var prefixed = names.Where(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase)).ToList();
        return prefixed.Count == 1 ? prefixed[0] : null;
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
        }

        return d[a.Length, b.Length];
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (option|command|argument) '(?<symbol>[^']*)' as expected type '(?<type>[^']*)'")]
    private static partial Regex CannotParse();
}
