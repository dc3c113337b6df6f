using System.CommandLine;
using Parley.Channels;
using Parley.Core.Accounts;
using Spectre.Console;

namespace Parley.Cli;

/// <summary><c>accounts add|list|test|profile|remove</c>: business numbers, stored in the database with their secrets encrypted.</summary>
public static class AccountCommands
{
    public static Command Create() =>
        new("accounts", "WhatsApp accounts (business numbers).") { AddCommand(), ListCommand(), TestCommand(), ProfileCommand(), RemoveCommand() };

    private static Command AddCommand()
    {
        var id = new Option<string>("--id") { Description = "URL-safe id, used in webhook paths (/webhooks/meta/{id}).", Required = true };
        var provider = new Option<string>("--provider") { Description = $"The channel that serves the number: {Providers.Meta}, {Providers.Twilio}, {Providers.Acs} or {Providers.Sandbox}.", Required = true };
        var bot = new Option<string?>("--bot") { Description = "The bot that answers this number (default: the default bot)." };
        var name = new Option<string?>("--display-name") { Description = "A name for people." };
        var set = new Option<string[]>("--set") { Description = "A setting, Key=Value (repeat): PhoneNumberId=…, From=whatsapp:+1…, Endpoint=…" };
        var secret = new Option<string[]>("--secret") { Description = "A secret, Key=Value (repeat): AccessToken=…, AuthToken=…. Missing required secrets are asked for when a person runs the command." };
        var noPrompt = new Option<bool>("--no-prompt") { Description = "Never ask for missing secrets." };
        var command = new Command("add", "Add an account (its secrets are stored encrypted and never printed).") { id, provider, bot, name, set, secret, noPrompt };
        command.SetAction(async (parse, ct) =>
        {
            if (!CliOutput.TryParsePairs(parse.GetValue(set), "--set", out var settings, out var error)
                || !CliOutput.TryParsePairs(parse.GetValue(secret), "--secret", out var secrets, out error))
            {
                return CliOutput.UsageError(error!);
            }

            var providerName = parse.GetRequiredValue(provider).Trim().ToLowerInvariant();
            await using var host = await CliHost.OpenAsync(parse, seedAccounts: true, ct);
            if (!parse.GetValue(noPrompt) && CliOutput.Interactive)
            {
                // Secrets typed at a prompt stay out of the shell history.
                foreach (var key in host.Get<AccountValidator>().RequiredKeys(providerName).Where(AccountSecrets.IsSecret))
                {
                    if (!secrets.ContainsKey(key) && !settings.ContainsKey(key))
                    {
                        secrets[key] = AnsiConsole.Prompt(new TextPrompt<string>($"{key}:").Secret());
                    }
                }
            }

            var result = await host.Get<AccountAdmin>().CreateAsync(new Account(parse.GetRequiredValue(id).Trim(), providerName)
            {
                Bot = parse.GetValue(bot),
                DisplayName = parse.GetValue(name),
                Settings = settings,
                Secrets = secrets,
            }, ct);
            return result.Status switch
            {
                AccountChangeStatus.Done => Done($"Account '{result.Account!.Id}' ({result.Account.Provider}) added; secrets set: {SecretNames(result.Account)}."),
                AccountChangeStatus.Invalid => CliOutput.Fail(string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}"))),
                _ => CliOutput.Fail(result.Detail ?? "the account exists already."),
            };
        });
        return command;
    }

    private static Command ListCommand()
    {
        var format = CliOutput.FormatOption();
        var command = new Command("list", "List accounts (secrets show as set or not, never their values).") { format };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.OpenAsync(parse, seedAccounts: true, ct);
            var accounts = await host.Get<AccountStore>().ListAsync(ct);
            if (parse.IsJson(format))
            {
                CliOutput.WriteJson(accounts.Select(a => new
                {
                    a.Id, a.Provider, a.Bot, a.DisplayName, a.Enabled, a.Source, a.Settings,
                    secretsSet = a.Secrets.Keys.Order(StringComparer.Ordinal).ToList(),
                }));
                return CliOutput.Ok;
            }

            if (accounts.Count == 0)
            {
                host.NoteEmpty("No accounts", $"Add one with: {CliHelp.Run("accounts add --id ID --provider sandbox")}");
                return CliOutput.Ok;
            }

            var table = new CliTable("Id", "Provider", "Bot", "Enabled", "Source", "Settings", "Secrets set");
            foreach (var a in accounts)
            {
                table.Add(
                    a.Id, a.Provider, a.Bot ?? "(default)", a.Enabled ? "yes" : "no", a.Source,
                    string.Join(", ", a.Settings.Select(s => $"{s.Key}={s.Value}")),
                    string.Join(", ", a.Secrets.Keys.Order(StringComparer.Ordinal)));
            }

            table.Write();
            return CliOutput.Ok;
        });
        return command;
    }

    private static Command TestCommand()
    {
        var id = new Argument<string>("id") { Description = "The account to test." };
        var command = new Command("test", "Check the account's credentials with its provider.") { id };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.OpenAsync(parse, seedAccounts: true, ct);
            var result = await host.Get<AccountAdmin>().TestAsync(parse.GetRequiredValue(id), ct);
            if (result is null)
            {
                return CliOutput.Fail($"no account '{parse.GetValue(id)}'.");
            }

            return result.Ok ? Done($"ok: {result.Detail}") : CliOutput.Fail(result.Detail);
        });
        return command;
    }

    private static Command ProfileCommand()
    {
        var id = new Argument<string>("id") { Description = "The account (a provider with business profiles: meta)." };
        var set = new Option<string[]>("--set") { Description = "A field to change, key=value (repeat): about=…, address=…, description=…, email=…, websites=url1,url2, vertical=…" };
        var command = new Command("profile", "Show the WhatsApp business profile, or change fields of it with --set.") { id, set };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.OpenAsync(parse, seedAccounts: true, ct);
            var account = await host.Get<AccountRegistry>().FindAsync(parse.GetRequiredValue(id), ct);
            if (account is null)
            {
                return CliOutput.Fail($"no account '{parse.GetValue(id)}'.");
            }

            var profiles = host.Get<IEnumerable<IBusinessProfiles>>().FirstOrDefault(p => p.Provider == account.Provider);
            if (profiles is null)
            {
                return CliOutput.Fail($"account '{account.Id}' uses {account.Provider}, which has no business profile to read here (Meta's has).");
            }

            var changes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(set) ?? [])
            {
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                if (at <= 0)
                {
                    return CliOutput.Fail($"--set takes key=value, not '{pair}'.");
                }

                changes[pair[..at].Trim()] = pair[(at + 1)..];
            }

            try
            {
                var profile = changes.Count == 0 ? await profiles.GetAsync(account, ct) : await profiles.UpdateAsync(account, changes, ct);
                foreach (var (key, value) in profile)
                {
                    Console.WriteLine($"{key}: {value}");
                }

                return CliOutput.Ok;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                return CliOutput.Fail(ex.Message);
            }
        });
        return command;
    }

    private static Command RemoveCommand()
    {
        var id = new Argument<string>("id") { Description = "The account to remove." };
        var command = new Command("remove", "Remove an account (one with history is disabled instead).") { id };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.OpenAsync(parse, seedAccounts: true, ct);
            var result = await host.Get<AccountAdmin>().RemoveAsync(parse.GetRequiredValue(id), ct);
            return result.Status switch
            {
                AccountChangeStatus.Done => Done($"Account '{parse.GetValue(id)}': {result.Detail}"),
                AccountChangeStatus.NotFound => CliOutput.Fail($"no account '{parse.GetValue(id)}'."),
                _ => CliOutput.Fail(result.Detail!),
            };
        });
        return command;
    }

    private static string SecretNames(Account account) =>
        account.Secrets.Count == 0 ? "none" : string.Join(", ", account.Secrets.Keys.Order(StringComparer.Ordinal));

    private static int Done(string message)
    {
        Console.WriteLine(message);
        return CliOutput.Ok;
    }
}
