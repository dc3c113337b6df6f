using System.CommandLine;
using Parley.Bots.Engine;
using Parley.Bots.Engine.Import;
using Parley.Core.Inbound;

namespace Parley.Cli;

/// <summary>
/// <c>bots import FILE [--account ID]</c>: loads a bot's intents, templates and data sources from YAML (see
/// examples/ministry.yaml) into the configured database; a running server sees them within
/// <c>Parley:Engine:DefinitionsCacheTtl</c>. <c>bots list</c>: the registered bots.
/// </summary>
public static class BotsCommands
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The YAML file (see examples/ministry.yaml)." };
        var account = new Option<string?>("--account") { Description = "Only for this account (default: the file's 'account', else every account)." };
        var import = new Command("import", "Create or update a bot's intents, templates and data sources from a YAML file.") { file, account };
        import.SetAction(async (parse, ct) =>
        {
            var summary = await ImportAsync(parse, parse.GetRequiredValue(file), parse.GetValue(account), ct);
            var scope = summary.AccountId.Length == 0 ? "every account" : $"account '{summary.AccountId}'";
            Console.WriteLine($"Imported {parse.GetRequiredValue(file)} for bot '{summary.Bot}' ({scope}): {summary.Intents} intents, {summary.Templates} templates, {summary.DataSources} data sources.");
            return 0;
        });

        var format = CliOutput.FormatOption();
        var list = new Command("list", "List the registered bots.") { format };
        list.SetAction((parse, _) =>
        {
            using var app = CliApp.BuildServices(parse);
            var catalog = app.Services.GetRequiredService<BotCatalog>();
            if (parse.IsJson(format))
            {
                CliOutput.WriteJson(catalog.All.OrderBy(b => b.Name, StringComparer.Ordinal).Select(b => new
                {
                    name = b.Name,
                    description = b.Description,
                    engine = b is EngineBot,
                    isDefault = string.Equals(b.Name, catalog.DefaultBot, StringComparison.OrdinalIgnoreCase),
                }));
                return Task.FromResult(0);
            }

            var table = new CliTable("Name", "Kind", "Default", "Description");
            foreach (var bot in catalog.All.OrderBy(b => b.Name, StringComparer.Ordinal))
            {
                table.Add(bot.Name, bot is EngineBot ? "engine" : "code",
                    string.Equals(bot.Name, catalog.DefaultBot, StringComparison.OrdinalIgnoreCase) ? "yes" : "", bot.Description);
            }

            table.Write();

            return Task.FromResult(0);
        });

        return new Command("bots", "Bots: import definitions, list bots.") { import, list };
    }

    /// <summary>The import itself, with the schema brought up to date first (a fresh database works).</summary>
    public static async Task<ImportSummary> ImportAsync(ParseResult parse, string path, string? account, CancellationToken ct)
    {
        await using var host = await CliHost.OpenAsync(parse, seedAccounts: false, ct);
        return await host.Get<BotDefinitionImporter>().ImportFileAsync(path, account, ct);
    }
}
