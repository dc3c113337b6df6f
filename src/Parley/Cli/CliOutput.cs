using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Cli;

/// <summary>What the commands share: the <c>--format</c> option, JSON for scripts, and the exit codes scripts rely on.</summary>
public static class CliOutput
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Option<string> FormatOption() => new Option<string>("--format")
    {
        Description = "table (for people) or json (for scripts).",
        DefaultValueFactory = _ => "table",
    }.AcceptOnlyFromAmong("table", "json");

    public static bool IsJson(this ParseResult parse, Option<string> format) => parse.GetValue(format) == "json";

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>One line on stderr, and exit code 1.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return Failure;
    }

    /// <summary>A wrong combination of options: one line on stderr, and exit code 2.</summary>
    public static int UsageError(string message)
    {
        Console.Error.WriteLine($"usage: {message}");
        return Usage;
    }

    /// <summary>Reads <c>Key=Value</c> pairs; a pair without '=' is a usage error.</summary>
    public static bool TryParsePairs(IEnumerable<string>? pairs, string option, out Dictionary<string, string> values, out string? error)
    {
        values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        error = null;
        foreach (var pair in pairs ?? [])
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                error = $"{option} takes Key=Value, but got '{pair}'.";
                return false;
            }

            values[pair[..eq].Trim()] = pair[(eq + 1)..];
        }

        return true;
    }

    /// <summary>True when a person watches: colours, tables with borders, progress bars, prompts.</summary>
    public static bool Interactive => !Console.IsOutputRedirected && !Console.IsInputRedirected;

    /// <summary>Standard output is a pipe or a file: tables become tab-separated lines (<see cref="CliTable"/>), nothing wraps.</summary>
    public static bool Plain => Console.IsOutputRedirected;

    /// <summary>
    /// A sentence for a person (an empty list and the database it came from, a hint): on standard output at a terminal,
    /// on standard error when standard output is piped, so what a script reads holds data only.
    /// </summary>
    public static void Note(string message) => (Plain ? Console.Error : Console.Out).WriteLine(message);
}
