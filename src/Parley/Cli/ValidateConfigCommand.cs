using System.CommandLine;
using Parley.Core.Accounts;
using Parley.Core.Storage;

namespace Parley.Cli;

/// <summary>
/// <c>validate-config</c>: builds the configuration and runs every options validator and the account checks, without
/// starting the server. Prints each problem on its own line naming the key; exit 1 when there is any.
/// </summary>
public static class ValidateConfigCommand
{
    public static Command Create()
    {
        var command = new Command("validate-config", "Check the configuration (options and accounts) without starting; exit 1 with the reasons.");
        command.SetAction(async (parse, ct) =>
        {
            var problems = new List<string>();
            WebApplication app;
            try
            {
                app = CliApp.BuildServices(parse);
            }
            catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or FormatException or IOException)
            {
                return CliOutput.Fail($"configuration cannot be read: {ex.Message}");
            }

            await using (app)
            {
                problems.AddRange(ValidateOptions(app.Services));
                problems.AddRange(ValidateAccounts(app.Services, app.Configuration, out var accounts));
                if (problems.Count == 0)
                {
                    problems.AddRange(await ValidateDatabaseAsync(app.Services, ct));
                }

                foreach (var problem in problems)
                {
                    await Console.Error.WriteLineAsync($"error: {problem}");
                }

                if (problems.Count > 0)
                {
                    return CliOutput.Failure;
                }

                var database = app.Services.GetRequiredService<Database>();
                Console.WriteLine($"ok: configuration is valid; database {database.Describe()}; {accounts.Count} account(s): {string.Join(", ", accounts.Select(a => $"{a.Id} ({a.Provider})"))}.");
                return CliOutput.Ok;
            }
        });
        return command;
    }

    /// <summary>Every validator registered with ValidateOnStart (data annotations and IValidateOptions), as the server would run them.</summary>
    private static IEnumerable<string> ValidateOptions(IServiceProvider services) => Hosting.OptionsProblems.Find(services);

    private static List<string> ValidateAccounts(IServiceProvider services, IConfiguration configuration, out List<Account> accounts)
    {
        var problems = new List<string>();
        accounts = [];
        var validator = services.GetRequiredService<AccountValidator>();
        foreach (var section in configuration.GetSection(ConfiguredAccounts.SectionName).GetChildren())
        {
            Account account;
            try
            {
                account = ConfiguredAccounts.Read(section);
            }
            catch (InvalidOperationException ex)
            {
                problems.Add(ex.Message);
                continue;
            }

            problems.AddRange(validator.Validate(account).Select(e => $"{section.Path}:{e.Field}: {e.Message}"));
            accounts.Add(account);
        }

        // Built-in accounts (the sandbox) are checked too, and no id may be declared twice.
        foreach (var source in services.GetServices<IAccountSource>().Where(s => s is not ConfiguredAccounts))
        {
            foreach (var account in source.Accounts())
            {
                problems.AddRange(validator.Validate(account).Select(e => $"{account.Id}: {e.Field}: {e.Message}"));
                accounts.Add(account);
            }
        }

        problems.AddRange(accounts.GroupBy(a => a.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"{ConfiguredAccounts.SectionName}: account id '{g.Key}' is declared {g.Count()} times."));
        return problems;
    }

    /// <summary>PostgreSQL must answer; a SQLite file is created on first use, so only its folder is checked.</summary>
    private static async Task<IEnumerable<string>> ValidateDatabaseAsync(IServiceProvider services, CancellationToken ct)
    {
        try
        {
            var database = services.GetRequiredService<Database>();
            if (database.Kind == DatabaseKind.Postgres)
            {
                await using var c = await database.OpenAsync(ct);
            }

            return [];
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            return [$"ConnectionStrings:Parley: the database cannot be reached: {ex.Message}"];
        }
    }
}
