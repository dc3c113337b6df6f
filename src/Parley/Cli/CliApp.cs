using System.CommandLine;

namespace Parley.Cli;

/// <summary>
/// The management commands of the same binary: <c>dotnet run --project src/Parley -- &lt;command&gt;</c>, or
/// <c>parley &lt;command&gt;</c> from a published executable (help names whichever runs, see <see cref="Hosting.CommandLineName"/>).
/// Options a command does not know (like <c>--Parley:Database:Provider=postgres</c>) are configuration overrides.
/// Exit codes: 0 success, 1 failure (with a one-line reason on stderr), 2 bad usage.
/// </summary>
public static class CliApp
{
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (!args[0].StartsWith('-') || args[0] is "--help" or "-h" or "-?" or "--version");

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Parley: a self-hosted WhatsApp bot platform. Without a command, runs the server.")
        {
            DbCommands.Create(),
            ChatCommand.Create(),
            ApiKeyCommands.Create(),
            AccountCommands.Create(),
            SendMessageCommand.Create(),
            TemplateCommands.Create(),
            MonitorCommand.Create(),
            ValidateConfigCommand.Create(),
            WebhookCommands.Create(),
            CleanupCommand.Create(),
            AdminCommands.Create(),
            BotsCommands.Create(),
            AiCommands.Create(),
            KbCommands.Create(),
            ReadDocumentCommand.Create(),
            ClinicCliCommands.Create(),
            BookingCliCommands.Create(),
        };
        foreach (var command in root.Subcommands)
        {
            AllowConfigurationOverrides(command);
        }

        CliHelp.Install(root);

        if (Console.IsOutputRedirected)
        {
            // Piped or captured output gets plain text: no colour codes in files and scripts.
            Spectre.Console.AnsiConsole.Console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
            {
                Ansi = Spectre.Console.AnsiSupport.No,
                ColorSystem = Spectre.Console.ColorSystemSupport.NoColors,
                Interactive = Spectre.Console.InteractionSupport.No,
            });
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Usage mistakes exit with 2 (not 1), so scripts can tell them from failures.
            var (problems, hint) = CliErrors.Describe(parse);
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync($"usage: {problem}");
            }

            if (hint is not null)
            {
                await Console.Error.WriteLineAsync(hint);
            }

            await Console.Error.WriteLineAsync($"See: {CliHelp.Typed(parse.CommandResult.Command)} --help");
            return CliOutput.Usage;
        }

        if (CliErrors.MistypedOption(parse) is { } mistyped)
        {
            await Console.Error.WriteLineAsync($"usage: {mistyped}");
            await Console.Error.WriteLineAsync($"See: {CliHelp.Typed(parse.CommandResult.Command)} --help");
            return CliOutput.Usage;
        }

        try
        {
            // Errors reach the catch below as one line; System.CommandLine's own handler would print a stack trace.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("error: cancelled.");
            return CliOutput.Failure;
        }
        catch (Exception ex)
        {
            // Whatever went wrong (a file that cannot be read, a database that is down, a bug): one line, exit code 1.
            // Scripts can trust that anything but 0 and 2 means failure; nothing prints a stack trace.
            await Console.Error.WriteLineAsync($"error: {OneLine(ex)}");
            return CliOutput.Failure;
        }
    }

    /// <summary>The message as one line; for unexpected exception types, prefixed with the type so a bug can be told from a wrong input.</summary>
    private static string OneLine(Exception ex)
    {
        var inner = ex is AggregateException { InnerExceptions.Count: 1 } agg ? agg.InnerExceptions[0] : ex;
        var message = string.Join(' ', inner.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return inner is InvalidOperationException or System.Data.Common.DbException or HttpRequestException or Microsoft.Extensions.Options.OptionsValidationException
            or IOException or UnauthorizedAccessException or ArgumentException or FormatException
            ? message
            : $"{inner.GetType().Name}: {message}";
    }

    private static void AllowConfigurationOverrides(Command command)
    {
        command.TreatUnmatchedTokensAsErrors = false;
        foreach (var sub in command.Subcommands)
        {
            AllowConfigurationOverrides(sub);
        }
    }

    /// <summary>
    /// Builds the server's services (not started) with the command's configuration overrides. Only errors are logged,
    /// and to standard error: standard output belongs to the command (a chat, a table, JSON for a script).
    /// </summary>
    public static WebApplication BuildServices(ParseResult parse, params string[] extra)
    {
        string[] args =
        [
            "--Logging:LogLevel:Default=Error", "--Logging:LogLevel:Microsoft.AspNetCore=Error", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Error",
            "--Logging:Console:LogToStandardErrorThreshold=Trace",
            .. parse.UnmatchedTokens, .. extra,
        ];
        return ParleyApp.Build(args);
    }
}
