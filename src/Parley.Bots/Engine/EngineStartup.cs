using Microsoft.Extensions.Logging;
using Parley.Bots.Engine.Import;
using Parley.Core.Accounts;
using Parley.Core.Inbound;
using Parley.Core.Startup;

namespace Parley.Bots.Engine;

/// <summary>
/// At start, after the schema and the accounts are in place: imports the definitions the engine bots ship
/// (leaving rows a person changed alone), and checks the engine settings of every account an engine bot
/// serves, so a wrong setting stops the start with a sentence that names it.
/// </summary>
public sealed class EngineStartup(
    BotCatalog bots,
    AccountRegistry accounts,
    BotEngine engine,
    BotDefinitionImporter importer,
    ILogger<EngineStartup> logger) : IStartupTask
{
    public string Name => "bots.definitions";

    public StartupPhase Phase => StartupPhase.Content;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var bot in bots.All.OfType<EngineBot>())
        {
            await using var stream = bot.OpenBuiltInDefinitions();
            if (stream is null)
            {
                continue;
            }

            using var reader = new StreamReader(stream);
            var origin = $"the built-in definitions of bot '{bot.Name}'";
            var file = BotDefinitionImporter.Parse(await reader.ReadToEndAsync(cancellationToken), origin);
            file.Bot = bot.Name;
            await importer.ImportAsync(file, BotDefinitionImporter.BuiltInSource, null, origin, cancellationToken);
        }

        foreach (var account in await accounts.ListAsync(cancellationToken))
        {
            if (account.Enabled && bots.Exists(account.Bot ?? bots.DefaultBot) && bots.For(account) is EngineBot bot)
            {
                var settings = engine.SettingsFor(account, bot);
                logger.LogDebug("Account {AccountId}: bot {Bot}, language {Language}, time zone {TimeZone}",
                    account.Id, bot.Name, settings.Language, settings.TimeZone.Id);
            }
        }

        logger.LogInformation("Engine bots ready in {Elapsed:0} ms", System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
