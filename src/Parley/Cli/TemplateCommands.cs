using System.CommandLine;
using System.Globalization;
using Parley.Core.Accounts;
using Parley.Core.Templates;

namespace Parley.Cli;

/// <summary><c>templates list|test|sync</c>: the template catalogue.</summary>
public static class TemplateCommands
{
    public static Command Create() =>
        new("templates", "Message templates.") { ListCommand(), TestCommand(), SyncCommand() };

    private static Command ListCommand()
    {
        var account = new Option<string?>("--account") { Description = "An account's own templates and the shared ones." };
        var category = new Option<string?>("--category") { Description = "MARKETING, UTILITY or AUTHENTICATION." };
        var language = new Option<string?>("--lang") { Description = "A language, like es." };
        var all = new Option<bool>("--all") { Description = "Include inactive templates." };
        var format = CliOutput.FormatOption();
        var command = new Command("list", "List templates.") { account, category, language, all, format };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.OpenAsync(parse, seedAccounts: false, ct);
            var catalog = host.Get<TemplateCatalog>();
            var filter = new TemplateFilter
            {
                AccountId = parse.GetValue(account),
                Category = parse.GetValue(category),
                Language = parse.GetValue(language),
                ActiveOnly = !parse.GetValue(all),
            };
            var templates = new List<TemplateInfo>();
            long? before = null;
            do
            {
                var page = await catalog.ListAsync(filter, before, 200, ct);
                templates.AddRange(page.Items);
                before = page.NextBeforeId;
            }
            while (before is not null);

            if (parse.IsJson(format))
            {
                CliOutput.WriteJson(templates);
                return CliOutput.Ok;
            }

            if (templates.Count == 0)
            {
                host.NoteEmpty(filter.AccountId is null && filter.Category is null && filter.Language is null ? "No templates" : "No templates match");
                return CliOutput.Ok;
            }

            var table = new CliTable("Id", "Name", "Language", "Category", "Status", "Account", "Body");
            foreach (var t in templates)
            {
                table.Add(
                    t.Id.ToString(CultureInfo.InvariantCulture), t.Name, t.Language, t.Category ?? "",
                    t.Status + (t.Active ? "" : " (inactive)"), t.AccountId.Length == 0 ? "(all)" : t.AccountId,
                    CliOutput.Plain ? t.Body ?? "" : t.Body is { Length: > 60 } b ? b[..60] + "…" : t.Body ?? "");
            }

            table.Write();
            return CliOutput.Ok;
        });
        return command;
    }

    private static Command TestCommand()
    {
        var name = new Option<string?>("--name") { Description = "The template's name." };
        var language = new Option<string?>("--lang") { Description = "The template's language." };
        var account = new Option<string?>("--account") { Description = "For an account's own template." };
        var body = new Option<string?>("--body") { Description = "Render this text instead of a catalogue template." };
        var param = new Option<string[]>("--param") { Description = "A value for {{1}}, {{2}}, ... (repeat, in order), or name=value." };
        var format = CliOutput.FormatOption();
        var command = new Command("test", "Render a template with values; exit 1 when a placeholder has no value.") { name, language, account, body, param, format };
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(body);
            if (text is null)
            {
                if (parse.GetValue(name) is not { } n || parse.GetValue(language) is not { } l)
                {
                    return CliOutput.UsageError("give --name and --lang, or --body.");
                }

                await using var host = await CliHost.OpenAsync(parse, seedAccounts: false, ct);
                var template = await host.Get<TemplateCatalog>().FindAsync(parse.GetValue(account), n, l, ct);
                if (template?.Body is null)
                {
                    return CliOutput.Fail(template is null ? $"no template '{n}' in '{l}'." : $"template '{n}' has no body text to render.");
                }

                text = template.Body;
            }

            var (positional, named) = TemplateArguments.Parse(parse.GetValue(param));

            var rendered = TemplateRenderer.Render(text, positional, named);
            if (parse.IsJson(format))
            {
                CliOutput.WriteJson(rendered);
            }
            else
            {
                Console.WriteLine(rendered.Text);
                if (rendered.Unused.Count > 0)
                {
                    Console.WriteLine($"(unused values: {string.Join(", ", rendered.Unused)})");
                }
            }

            return rendered.Complete ? CliOutput.Ok : CliOutput.Fail($"no value for {string.Join(", ", rendered.Missing.Select(m => "{{" + m + "}}"))}.");
        });
        return command;
    }

    private static Command SyncCommand()
    {
        var account = new Option<string>("--account") { Description = "The account whose provider templates to bring in.", Required = true };
        var command = new Command("sync", "Bring an account's approved templates from its provider into the catalogue.") { account };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.OpenAsync(parse, seedAccounts: true, ct);
            var found = await host.Get<AccountStore>().FindAsync(parse.GetRequiredValue(account), ct);
            if (found is null)
            {
                return CliOutput.Fail($"no account '{parse.GetValue(account)}'.");
            }

            var sync = host.Services.GetServices<ITemplateSync>().FirstOrDefault(s => string.Equals(s.Provider, found.Provider, StringComparison.OrdinalIgnoreCase));
            if (sync is null)
            {
                return CliOutput.Fail($"this build cannot sync templates for provider '{found.Provider}'; template sync is available for Meta accounts once the Meta channel is configured.");
            }

            try
            {
                var result = await sync.SyncAsync(found, ct);
                Console.WriteLine($"Synced {result.Synced} template(s) of '{found.Id}' from {found.Provider}.{(result.Detail is null ? "" : " " + result.Detail)}");
                return CliOutput.Ok;
            }
            catch (TemplateSyncException ex)
            {
                return CliOutput.Fail($"template sync of '{found.Id}' failed: {ex.Message}");
            }
        });
        return command;
    }
}
