using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Storage;

namespace Parley.Cli;

/// <summary>
/// The server's services for one management command, without starting the server: the schema is brought up to
/// date (unless <c>Parley:Database:MigrateOnStart</c> is false) and, when asked, the declared accounts are stored.
/// </summary>
public sealed class CliHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CliHost(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public static async Task<CliHost> OpenAsync(ParseResult parse, bool seedAccounts, CancellationToken ct)
    {
        var app = CliApp.BuildServices(parse);
        try
        {
            if (app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart)
            {
                await app.Services.GetRequiredService<Migrator>().MigrateAsync(ct);
            }

            if (seedAccounts)
            {
                await app.Services.GetRequiredService<AccountSeeder>().SeedAsync(ct);
            }

            return new CliHost(app);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

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
}
