using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;
using Parley.Hosting;

namespace Parley.Cli;

/// <summary>
/// Help as a person types the commands: the usage line starts with what runs Parley here (<see cref="CommandLineName"/>),
/// and the configuration overrides every command accepts are explained in words instead of System.CommandLine's
/// "[[--] &lt;additional arguments&gt;...]]". Replaces the help option's action (its layout cannot be customised in 3.0).
/// </summary>
public sealed class CliHelp : SynchronousCommandLineAction
{
    public static void Install(RootCommand root) => root.Options.OfType<HelpOption>().Single().Action = new CliHelp();

    /// <summary>Like the built-in help: <c>revoke --help</c> shows help, not "Required argument 'key' missing".</summary>
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        Write(parseResult.CommandResult.Command, Console.Out);
        return CliOutput.Ok;
    }

    public static void Write(Command command, TextWriter output)
    {
        if (command.Description is { Length: > 0 } description)
        {
            output.WriteLine(description);
            output.WriteLine();
        }

        output.WriteLine("Usage:");
        output.WriteLine($"  {UsageLine(command)}");

        var arguments = command.Arguments.Where(a => !a.Hidden).Select(a => ($"<{a.HelpName ?? a.Name}>", a.Description ?? "")).ToList();
        Section(output, "Arguments:", arguments);

        var options = command.Options.Concat(Recursive(command)).Where(o => !o.Hidden).Distinct()
            .Select(o => (Label(o), Describe(o))).ToList();
        Section(output, "Options:", options);

        var commands = command.Subcommands.Where(c => !c.Hidden).Select(c => (c.Name, c.Description ?? "")).ToList();
        Section(output, "Commands:", commands);

        output.WriteLine();
        if (command is RootCommand)
        {
            output.WriteLine("Without a command, runs the server. After a command, any --Key=value sets a configuration value for that run,");
            output.WriteLine("for example --Parley:DataDirectory=/srv/parley or --Parley:Database:Provider=postgres (every key: docs/reference.md).");
            output.WriteLine($"Relative paths start at {ApplicationDirectory.Resolve()}, wherever the command is started.");
        }
        else if (command.Subcommands.Count == 0)
        {
            output.WriteLine("Any --Key=value sets a configuration value for this run, e.g. --Parley:DataDirectory=/srv/parley.");
        }
        else
        {
            output.WriteLine($"Help on one of them: {Typed(command)} <command> --help");
        }
    }

    /// <summary>The usage line of a command, as typed: <c>parley apikeys revoke &lt;key&gt; [options] [--Key=value…]</c>.</summary>
    public static string UsageLine(Command command)
    {
        var parts = new List<string> { CommandLineName.Current };
        parts.AddRange(Path(command).Select(c => c.Name));
        if (command.Subcommands.Count > 0)
        {
            parts.Add("<command>");
        }

        parts.AddRange(command.Arguments.Where(a => !a.Hidden).Select(a => $"<{a.HelpName ?? a.Name}>"));
        if (command.Options.Any(o => !o.Hidden && o is not HelpOption and not VersionOption))
        {
            parts.Add("[options]");
        }

        if (command is not RootCommand && command.Subcommands.Count == 0)
        {
            parts.Add("[--Key=value…]");
        }

        return string.Join(' ', parts);
    }

    /// <summary>A command line for a hint, as typed here: <c>Run("apikeys create --name NAME")</c> is <c>parley apikeys create --name NAME</c>.</summary>
    public static string Run(string rest) => $"{CommandLineName.Current} {rest}";

    /// <summary>What is typed to run <paramref name="command"/>: <c>parley apikeys list</c>.</summary>
    public static string Typed(Command command) => string.Join(' ', [CommandLineName.Current, .. Path(command).Select(c => c.Name)]);

    /// <summary>The commands from the root down to <paramref name="command"/>, the root excluded.</summary>
    public static IReadOnlyList<Command> Path(Command command)
    {
        var path = new List<Command>();
        for (Command? c = command; c is not null and not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            path.Insert(0, c);
        }

        return path;
    }

    private static IEnumerable<Option> Recursive(Command command) =>
        command.Parents.OfType<Command>().SelectMany(p => p.Options.Where(o => o.Recursive).Concat(Recursive(p)));

    private static string Label(Option option)
    {
        var names = string.Join(", ", option.Aliases.Append(option.Name).Where(n => n.StartsWith('-') && n != "-?").Distinct().OrderBy(n => n.Length));
        if (option.ValueType == typeof(bool) || option.Arity.MaximumNumberOfValues == 0)
        {
            return names;
        }

        var choices = option.GetCompletions(CompletionContext.Empty).Select(c => c.Label).ToList();
        var value = choices.Count is > 0 and <= 6 ? string.Join('|', choices) : option.HelpName ?? ValueName(option.ValueType);
        return $"{names} <{value}>";
    }

    private static string Describe(Option option)
    {
        var text = option.Description ?? "";
        if (option.Required)
        {
            text += " (required)";
        }
        else if (option.HasDefaultValue && option.ValueType != typeof(bool) && option.GetDefaultValue() is { } d && Convert.ToString(d, CultureInfo.InvariantCulture) is { Length: > 0 } shown)
        {
            text += $" (default: {shown})";
        }

        return text.Trim();
    }

    private static string ValueName(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) || t == typeof(long) => "number",
        var t when t == typeof(string[]) || t == typeof(long[]) => "value",
        var t when t == typeof(FileInfo) => "file",
        _ => "value",
    };

    private static void Section(TextWriter output, string title, IReadOnlyList<(string Label, string Text)> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine(title);
        var width = Math.Min(rows.Max(r => r.Label.Length), 34) + 2;
        foreach (var (label, text) in rows)
        {
            output.WriteLine(label.Length >= width
                ? $"  {label}\n  {new string(' ', width)}{text}"
                : $"  {label.PadRight(width)}{text}");
        }
    }
}
