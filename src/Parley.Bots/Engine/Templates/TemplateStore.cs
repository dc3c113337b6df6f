using System.Data.Common;
using Parley.Bots.Engine.Definitions;
using Parley.Core.Templates;

namespace Parley.Bots.Engine.Templates;

/// <summary>
/// The bots' view of Core's template catalogue (the table is Core's; <see cref="TemplateCatalog"/> reads it and
/// <see cref="TemplateWriter"/> writes it). A lookup prefers the account's own template over the shared one
/// (<c>account_id = ''</c>), and the contact's language ("es_MX", then "es", then any) over another.
/// </summary>
public sealed class TemplateStore(TemplateCatalog catalog, TemplateWriter writer, DefinitionCache cache)
{
    /// <summary>The active template to use, or null when there is none under that name.</summary>
    public async Task<TemplateDefinition?> FindAsync(string accountId, string name, string language, CancellationToken ct = default)
    {
        var all = await cache.GetAsync($"templates:{accountId}:{name}", async token =>
            (await catalog.ActiveByNameAsync(accountId, name, token)).Select(ToDefinition).ToList(), ct);
        return Pick(all, accountId, language);
    }

    public async Task<IReadOnlyList<TemplateDefinition>> ListAsync(string? accountId = null, string? category = null, bool activeOnly = false, CancellationToken ct = default) =>
        (await catalog.ListAllAsync(accountId, category, activeOnly, ct)).Select(ToDefinition).ToList();

    /// <summary>
    /// Creates or updates a local template. With <paramref name="onlyOverSource"/>, an existing row is changed
    /// only when it came from that source (built-in content never overwrites what a person changed).
    /// </summary>
    /// <returns>False when an existing row was left alone.</returns>
    public Task<bool> UpsertAsync(DbConnection c, DbTransaction tx, TemplateDefinition t, string source, string? onlyOverSource, CancellationToken ct) =>
        writer.UpsertLocalAsync(c, tx, new TemplateRecord(t.AccountId, t.Name, t.Language, source)
        {
            Category = t.Category,
            Status = t.Status,
            ProviderTemplateId = t.ProviderTemplateId,
            Body = t.Body,
            ParametersJson = TemplateDefinition.SerializeParameters(t.Parameters),
            Active = t.Active,
        }, onlyOverSource, ct);

    public Task<bool> ExistsAsync(DbConnection c, DbTransaction? tx, string accountId, string name, CancellationToken ct) =>
        TemplateWriter.ExistsAsync(c, tx, accountId, name, ct);

    internal static TemplateDefinition? Pick(IReadOnlyList<TemplateDefinition> candidates, string accountId, string language)
    {
        var wanted = Normalize(language);
        var baseLanguage = wanted.Split('_')[0];
        return candidates
            .OrderBy(t => Normalize(t.Language) == wanted ? 0 : Normalize(t.Language).Split('_')[0] == baseLanguage ? 1 : 2)
            .ThenBy(t => t.AccountId == accountId ? 0 : 1)
            .ThenBy(t => t.Language, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static string Normalize(string language) => language.Trim().Replace('-', '_').ToLowerInvariant();

    private static TemplateDefinition ToDefinition(TemplateInfo t) => new(t.Name, t.Language)
    {
        Id = t.Id,
        AccountId = t.AccountId,
        Category = t.Category,
        Status = t.Status,
        ProviderTemplateId = t.ProviderTemplateId,
        Body = t.Body,
        Parameters = TemplateDefinition.ParseParameters(t.ParametersJson),
        Active = t.Active,
        Source = t.Source,
    };
}
