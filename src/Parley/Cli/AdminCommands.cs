using System.CommandLine;
using System.Globalization;
using System.Text;
using Parley.Core.Operators;

namespace Parley.Cli;

/// <summary>
/// <c>admin create --email E [--name N] [--role admin|agent] [--password P]</c>: creates an operator of the admin UI;
/// <c>admin password --email E</c> sets a new password and <c>admin signout --email E</c> ends every session.
/// Without <c>--password</c> the password is read from standard input when it is redirected, else asked for twice without echo.
/// </summary>
public static class AdminCommands
{
    public static Command Create()
    {
        var email = new Option<string>("--email") { Description = "The operator's email; they sign in with it.", Required = true };
        var name = new Option<string?>("--name") { Description = "The name shown in the admin." };
        var role = new Option<string>("--role") { Description = "admin (everything) or agent (conversations, contacts, interaction log, knowledge base).", DefaultValueFactory = _ => OperatorRoles.Admin };
        role.AcceptOnlyFromAmong([.. OperatorRoles.All]);
        var password = new Option<string?>("--password") { Description = "The password (prefer standard input or the prompt: a command line can be seen by others)." };
        var create = new Command("create", "Create an operator who can sign in to /admin.") { email, name, role, password };
        create.SetAction(async (parse, ct) =>
        {
            var secret = parse.GetValue(password) ?? await ReadPasswordAsync(ct);
            if (secret is null)
            {
                await Console.Error.WriteLineAsync("error: no password given (use --password, standard input or the prompt).");
                return 1;
            }

            await using var host = await CliHost.OpenAsync(parse, seedAccounts: false, ct);
            try
            {
                var op = await host.Get<OperatorStore>().CreateAsync(parse.GetRequiredValue(email), parse.GetValue(name), parse.GetRequiredValue(role), secret, ct);
                Console.WriteLine($"Created operator {op.Id}: {op.Email} ({op.Role}){(op.Name is null ? "" : $", {op.Name}")}.");
                Console.WriteLine($"Sign in at {AdminUrl(host)} with this email and the password (database {host.Database}).");
                return 0;
            }
            catch (OperatorException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return 1;
            }
        });

        var format = CliOutput.FormatOption();
        var list = new Command("list", "List the operators of the admin UI (never their password hashes).") { format };
        list.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.OpenAsync(parse, seedAccounts: false, ct);
            var operators = await host.Get<OperatorStore>().ListAsync(ct);
            if (parse.IsJson(format))
            {
                CliOutput.WriteJson(operators.Select(op => new { id = op.Id, email = op.Email, name = op.Name, role = op.Role, createdAt = op.CreatedAt, lastLoginAt = op.LastLoginAt, lockedUntil = op.LockedUntil }));
                return 0;
            }

            if (operators.Count == 0)
            {
                host.NoteEmpty("No operators", $"Create one with: {CliHelp.Run("admin create --email you@example.com")}");
                return 0;
            }

            var table = new CliTable("Id", "Email", "Role", "Name", "Last sign-in", "Locked until");
            foreach (var op in operators)
            {
                table.Add(op.Id.ToString(CultureInfo.InvariantCulture), op.Email, op.Role, op.Name ?? "",
                    op.LastLoginAt?.ToString("u", CultureInfo.InvariantCulture) ?? "never", op.LockedUntil?.ToString("u", CultureInfo.InvariantCulture) ?? "");
            }

            table.Write();
            return 0;
        });
        // A forgotten password, or a session that must end now (a lost laptop): both end every session of the operator.
        var passwordEmail = new Option<string>("--email") { Description = "The operator's email.", Required = true };
        var newPassword = new Option<string?>("--password") { Description = "The new password (prefer standard input or the prompt)." };
        var setPassword = new Command("password", "Set an operator's password; ends every session they have.") { passwordEmail, newPassword };
        setPassword.SetAction(async (parse, ct) =>
        {
            var secret = parse.GetValue(newPassword) ?? await ReadPasswordAsync(ct);
            if (secret is null)
            {
                await Console.Error.WriteLineAsync("error: no password given (use --password, standard input or the prompt).");
                return 1;
            }

            return await WithOperatorAsync(parse, parse.GetRequiredValue(passwordEmail), async (store, op) =>
            {
                await store.SetPasswordAsync(op.Id, secret, ct);
                Console.WriteLine($"Set the password of {op.Email}; their sessions have ended.");
            }, ct);
        });

        var signOutEmail = new Option<string>("--email") { Description = "The operator's email.", Required = true };
        var signOut = new Command("signout", "Sign an operator out everywhere: every cookie and open admin tab of theirs stops working.") { signOutEmail };
        signOut.SetAction(async (parse, ct) => await WithOperatorAsync(parse, parse.GetRequiredValue(signOutEmail), async (store, op) =>
        {
            await store.EndSessionsAsync(op.Id, ct);
            Console.WriteLine($"Signed {op.Email} out everywhere.");
        }, ct));
        return new Command("admin", "Operators of the admin UI (/admin).") { create, list, setPassword, signOut };
    }

    private static async Task<int> WithOperatorAsync(ParseResult parse, string email, Func<OperatorStore, Operator, Task> action, CancellationToken ct)
    {
        await using var app = CliApp.BuildServices(parse);
        await app.Services.GetRequiredService<Parley.Core.Storage.Migrator>().MigrateAsync(ct);
        var store = app.Services.GetRequiredService<OperatorStore>();
        if (await store.FindByEmailAsync(email, ct) is not { } op)
        {
            await Console.Error.WriteLineAsync($"error: there is no operator {OperatorStore.NormalizeEmail(email)}.");
            return 1;
        }

        try
        {
            await action(store, op);
            return 0;
        }
        catch (OperatorException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
    }

    /// <summary>Where the admin is, from the configured addresses (the first of <c>Urls</c>), as a person opens it.</summary>
    private static string AdminUrl(CliHost host)
    {
        var urls = host.Get<IConfiguration>()["Urls"] ?? host.Get<IConfiguration>()["ASPNETCORE_URLS"] ?? "http://localhost:5000";
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "http://localhost:5000";
        return Hosting.ServerAddress.Browsable(first) + Parley.Admin.AdminExtensions.PathPrefix;
    }

    /// <summary>The first line of redirected input, or a prompt without echo (asked twice).</summary>
    private static async Task<string?> ReadPasswordAsync(CancellationToken ct)
    {
        if (Console.IsInputRedirected)
        {
            return (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n');
        }

        var first = Prompt("Password: ");
        var second = Prompt("Repeat the password: ");
        if (first != second)
        {
            await Console.Error.WriteLineAsync("error: the passwords differ.");
            return null;
        }

        return first;
    }

    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return text.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }
}
