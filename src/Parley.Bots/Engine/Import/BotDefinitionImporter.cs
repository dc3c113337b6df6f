using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Parley.Bots.Engine.Answers;
using Parley.Bots.Engine.DataSources;
using Parley.Bots.Engine.Definitions;
using Parley.Bots.Engine.Intents;
using Parley.Bots.Engine.Templates;
using Parley.Core.Inbound;
using Parley.Core.Storage;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Parley.Bots.Engine.Import;

/// <summary>
/// Reads a bot definition file, checks all of it (every problem listed, with where it is), and writes it in
/// one transaction: intents, templates and data sources are created or updated by name; nothing is deleted.
/// </summary>
public sealed partial class BotDefinitionImporter(
    Database database,
    BotCatalog bots,
    IntentStore intents,
    TemplateStore templates,
    DataSourceStore dataSources,
    DefinitionCache definitions,
    IDataSourceCache results,
    DataSourceRunner runner,
    ILogger<BotDefinitionImporter> logger)
{
    /// <summary>Rows written by a person: an import from a file or the API.</summary>
    public const string ImportSource = "import";

    /// <summary>Rows a bot ships (<see cref="EngineBot.OpenBuiltInDefinitions"/>), refreshed at every start.</summary>
    public const string BuiltInSource = "builtin";

    /// <summary>Data source parameters the engine fills by itself.</summary>
    public static readonly IReadOnlySet<string> BuiltInArguments = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "customer_name", "customer_phone", "message_text", "request_summary", "language", "now", "today",
    };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")]
    private static partial Regex NamePattern();

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>Parses YAML; a syntax error or unknown key throws with the file name, line and column.</summary>
    public static BotDefinitionFile Parse(string yaml, string origin)
    {
        try
        {
            return Yaml.Deserialize<BotDefinitionFile>(yaml) ?? throw new InvalidOperationException($"{origin}: the file is empty.");
        }
        catch (YamlException ex)
        {
            var reason = ex.InnerException is { } inner && inner is not YamlException ? inner.Message : ex.Message;
            throw new InvalidOperationException($"{origin}:{ex.Start.Line}:{ex.Start.Column}: {reason}", ex);
        }
    }

    public async Task<ImportSummary> ImportFileAsync(string path, string? account, CancellationToken ct = default)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path}: no such file.");
        }

        var file = Parse(await File.ReadAllTextAsync(path, ct), path);
        return await ImportAsync(file, ImportSource, account, path, ct);
    }

    /// <param name="source"><see cref="ImportSource"/> overwrites any row; <see cref="BuiltInSource"/> only rows it wrote itself.</param>
    public async Task<ImportSummary> ImportAsync(BotDefinitionFile file, string source, string? account, string origin, CancellationToken ct = default)
    {
        var accountId = (account ?? file.Account ?? "").Trim();
        var errors = new List<string>();
        var bot = Validate(file, accountId, errors);
        var onlyOver = source == BuiltInSource ? BuiltInSource : null;
        var intentRecords = file.Intents.Select(i => ToRecord(i, bot, accountId)).ToList();
        var templateRecords = file.Templates.Select(t => ToTemplate(t, accountId, errors)).ToList();
        var sourceRecords = file.DataSources.Select(d => ToDataSource(d, accountId)).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{origin} has {errors.Count} problem(s):\n  " + string.Join("\n  ", errors));
        }

        await using var c = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(c, ct);

        // References to templates and data sources already in the database (synced from the provider, imported before) are fine.
        foreach (var intent in file.Intents.Where(i => i.Answer is not null))
        {
            var answer = intent.Answer!;
            if (answer.Template is { } t && !file.Templates.Any(x => x.Name == t) && !await templates.ExistsAsync(c, tx, accountId, t, ct))
            {
                errors.Add($"intent '{intent.Name}': template '{t}' is neither in this file nor in the database.");
            }

            if (answer.DataSource is { } d && !file.DataSources.Any(x => x.Name == d) && !await dataSources.ExistsAsync(c, tx, accountId, d, ct))
            {
                errors.Add($"intent '{intent.Name}': data source '{d}' is neither in this file nor in the database.");
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{origin} has {errors.Count} problem(s):\n  " + string.Join("\n  ", errors));
        }

        var kept = 0;
        foreach (var d in sourceRecords)
        {
            kept += await dataSources.UpsertAsync(c, tx, d, source, onlyOver, ct) ? 0 : 1;
        }

        foreach (var t in templateRecords)
        {
            kept += await templates.UpsertAsync(c, tx, t, source, onlyOver, ct) ? 0 : 1;
        }

        foreach (var i in intentRecords)
        {
            kept += await intents.UpsertAsync(c, tx, i, source, onlyOver, ct) ? 0 : 1;
        }

        await tx.CommitAsync(ct);
        definitions.Clear();
        await results.ClearAsync(ct);
        var warnings = new List<string>();
        foreach (var d in sourceRecords)
        {
            if (await runner.CheckAsync(d, ct) is { } refusal)
            {
                logger.LogWarning("Imported {Origin}: {Refusal}", origin, refusal);
                warnings.Add(refusal);
            }
        }

        var summary = new ImportSummary(bot, accountId, intentRecords.Count, templateRecords.Count, sourceRecords.Count, kept) { Warnings = warnings.Count == 0 ? Array.Empty<string>() : [.. warnings] };
        logger.LogInformation("Imported {Origin}: {Intents} intents, {Templates} templates, {DataSources} data sources of bot {Bot} ({Kept} rows changed by a person kept)",
            origin, summary.Intents, summary.Templates, summary.DataSources, bot, kept);
        return summary;
    }

    private string Validate(BotDefinitionFile file, string accountId, List<string> errors)
    {
        var bot = file.Bot?.Trim() ?? "";
        if (bot.Length == 0)
        {
            errors.Add("'bot' is required: the name of the bot these intents belong to.");
        }
        else if (!bots.Exists(bot))
        {
            errors.Add($"bot '{bot}' is not registered (available: {string.Join(", ", bots.All.Select(b => b.Name))}).");
        }
        else if (bots.All.First(b => string.Equals(b.Name, bot, StringComparison.OrdinalIgnoreCase)) is not EngineBot)
        {
            errors.Add($"bot '{bot}' is not built on the engine, so it does not read intents, templates or data sources.");
        }

        if (accountId.Length > 0 && !Parley.Core.Accounts.ConfiguredAccounts.IdPattern().IsMatch(accountId))
        {
            errors.Add($"account '{accountId}' is not a valid account id.");
        }

        Unique(file.Intents.Select(i => i.Name), "intent", errors);
        Unique(file.Templates.Select(t => $"{t.Name} ({t.Language})"), "template", errors);
        Unique(file.DataSources.Select(d => d.Name), "data source", errors);

        for (var n = 0; n < file.Intents.Count; n++)
        {
            var i = file.Intents[n];
            var where = $"intents[{n}] '{i.Name}'";
            CheckName(i.Name, where, errors);
            if (i.Examples.Count == 0 || i.Examples.All(e => e.Value is null || e.Value.Count == 0))
            {
                errors.Add($"{where}: 'examples' needs at least one language with keywords or phrases.");
            }

            if (i.Threshold is { } threshold && (double.IsNaN(threshold) || threshold < 0 || threshold > 1))
            {
                errors.Add($"{where}: 'threshold' must be between 0 and 1.");
            }

            if (i.Answer is { } a)
            {
                if (a.Template is null && a.Text is null)
                {
                    errors.Add($"{where}: 'answer' needs a 'template' or a 'text'.");
                }

                if (a.Match.Count > 0 && a.DataSource is null)
                {
                    errors.Add($"{where}: 'answer.match' picks a row of the data source, but there is no 'dataSource'.");
                }
            }
        }

        try
        {
            _ = new IntentMatcher(file.Intents.Where(i => !string.IsNullOrWhiteSpace(i.Name)).Select(i => ToRecord(i, bot, accountId).ToDefinition()));
        }
        catch (ArgumentException ex)
        {
            errors.Add($"intents: {ex.Message}");
        }

        for (var n = 0; n < file.DataSources.Count; n++)
        {
            var d = file.DataSources[n];
            var where = $"dataSources[{n}] '{d.Name}'";
            CheckName(d.Name, where, errors);
            if (SqlGuard.Check(d.Query) is { } refused)
            {
                errors.Add($"{where}: {refused}.");
                continue;
            }

            foreach (var used in SqlGuard.Parameters(d.Query!).Where(p => !d.Parameters.Contains(p, StringComparer.OrdinalIgnoreCase)))
            {
                errors.Add($"{where}: the query uses @{used}, which is not in 'parameters'.");
            }

            if (d.Provider is { } provider && provider.Trim().ToLowerInvariant() is not ("sqlite" or "postgres" or "postgresql"))
            {
                errors.Add($"{where}: 'provider' must be sqlite or postgres.");
            }

            if (d.TimeoutSeconds is { } timeout && (timeout <= 0 || timeout > 300))
            {
                errors.Add($"{where}: 'timeoutSeconds' must be more than 0 and at most 300.");
            }

            if (d.MaxRows is { } rows && (rows < 1 || rows > 10_000))
            {
                errors.Add($"{where}: 'maxRows' must be from 1 to 10000.");
            }

            if (d.CacheSeconds is < 0)
            {
                errors.Add($"{where}: 'cacheSeconds' must not be negative (0 turns caching off).");
            }
        }

        return bot;
    }

    private static void CheckName(string? name, string where, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(name) || !NamePattern().IsMatch(name))
        {
            errors.Add($"{where}: 'name' must be letters, digits, '_', '-' or '.', starting with a letter or digit.");
        }
    }

    private static void Unique(IEnumerable<string?> names, string what, List<string> errors)
    {
        foreach (var twice in names.Where(n => n is not null).GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"{what} '{twice.Key}' is defined more than once.");
        }
    }

    private static IntentRecord ToRecord(BotDefinitionFile.IntentEntry i, string bot, string accountId) => new(bot, i.Name?.Trim() ?? "")
    {
        AccountId = accountId,
        Priority = i.Priority,
        Threshold = i.Threshold,
        Active = i.Active,
        Examples = i.Examples.ToDictionary(e => e.Key.Trim().ToLowerInvariant(), e => (IReadOnlyList<string>)(e.Value ?? [])),
        Answer = i.Answer is not { } a ? null : new IntentAnswer
        {
            Template = a.Template,
            DataSource = a.DataSource,
            Match = a.Match,
            Args = a.Args,
            Values = a.Values,
            Text = a.Text?.TrimEnd(),
        },
    };

    private static TemplateDefinition ToTemplate(BotDefinitionFile.TemplateEntry t, string accountId, List<string> errors)
    {
        var where = $"template '{t.Name}' ({t.Language})";
        CheckName(t.Name, where, errors);
        if (string.IsNullOrWhiteSpace(t.Language))
        {
            errors.Add($"{where}: 'language' is required (like es or es_MX).");
        }

        if (string.IsNullOrWhiteSpace(t.Body))
        {
            errors.Add($"{where}: 'body' is required.");
        }

        var parameters = new List<TemplateParameter>();
        foreach (var p in t.Parameters)
        {
            switch (p)
            {
                case string name when name.Length > 0:
                    parameters.Add(new TemplateParameter(name));
                    break;
                case IDictionary<object, object> map when map.TryGetValue("name", out var n) && n is string named:
                    var unknown = map.Keys.Select(k => k.ToString()).Where(k => k is not ("name" or "default" or "required")).ToList();
                    if (unknown.Count > 0)
                    {
                        errors.Add($"{where}: parameter '{named}' has unknown keys ({string.Join(", ", unknown)}); use name, default, required.");
                    }

                    parameters.Add(new TemplateParameter(named)
                    {
                        Default = map.TryGetValue("default", out var d) ? d?.ToString() : null,
                        Required = !map.TryGetValue("required", out var r) || !string.Equals(r?.ToString(), "false", StringComparison.OrdinalIgnoreCase),
                    });
                    break;
                default:
                    errors.Add($"{where}: each parameter is a name or a map with 'name' (and 'default', 'required').");
                    break;
            }
        }

        Unique(parameters.Select(p => p.Name), $"{where}: parameter", errors);
        foreach (var placeholder in TemplateFiller.Placeholders(t.Body))
        {
            var positional = int.TryParse(placeholder, NumberStyles.None, CultureInfo.InvariantCulture, out var index);
            if (positional ? index < 1 || index > parameters.Count : !parameters.Any(p => p.Name == placeholder))
            {
                errors.Add($"{where}: the body uses {{{{{placeholder}}}}}, which is not in 'parameters'.");
            }
        }

        return new TemplateDefinition(t.Name?.Trim() ?? "", t.Language?.Trim() ?? "")
        {
            AccountId = accountId,
            Category = t.Category,
            ProviderTemplateId = string.IsNullOrWhiteSpace(t.ProviderTemplateId) ? null : t.ProviderTemplateId.Trim(),
            Body = t.Body?.TrimEnd(),
            Parameters = parameters,
            Active = t.Active,
            Status = "local",
        };
    }

    private static DataSourceDefinition ToDataSource(BotDefinitionFile.DataSourceEntry d, string accountId) => new(d.Name?.Trim() ?? "", d.Query?.Trim() ?? "")
    {
        AccountId = accountId,
        Description = d.Description,
        Connection = string.IsNullOrWhiteSpace(d.Connection) ? null : d.Connection.Trim(),
        Provider = string.IsNullOrWhiteSpace(d.Provider) ? null : d.Provider.Trim().ToLowerInvariant(),
        Parameters = d.Parameters,
        Timeout = d.TimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
        MaxRows = d.MaxRows,
        CacheTtl = d.CacheSeconds is { } c ? TimeSpan.FromSeconds(c) : null,
        Active = d.Active,
    };
}
