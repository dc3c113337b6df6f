using System.Data.Common;
using Dapper;
using Parley.Bots.Engine.Definitions;
using Parley.Core.Storage;

namespace Parley.Bots.Engine.Templates;

/// <summary>
/// Reads and writes the <c>templates</c> table, which the bots share with the provider template sync.
/// A lookup prefers the account's own template over the shared one (<c>account_id = ''</c>), and the
/// contact's language ("es_MX", then "es", then any) over another.
/// </summary>
public sealed class TemplateStore(Database database, DefinitionCache cache, TimeProvider time)
{
    private const string Columns = "id, account_id, name, language, category, status, provider_template_id, body, parameters, active, source";

    private sealed record Row(long id, string account_id, string name, string language, string? category, string status,
        string? provider_template_id, string? body, string parameters, long active, string source);

    /// <summary>The active template to use, or null when there is none under that name.</summary>
    public async Task<TemplateDefinition?> FindAsync(string accountId, string name, string language, CancellationToken ct = default)
    {
        var all = await cache.GetAsync($"templates:{accountId}:{name}", async token =>
        {
            await using var c = await database.OpenAsync(token);
            var rows = await c.QueryAsync<Row>(new CommandDefinition(
                $"SELECT {Columns} FROM templates WHERE name = @name AND account_id IN (@accountId, '') AND active = 1",
                new { name, accountId }, cancellationToken: token));
            return rows.Select(ToDefinition).ToList();
        }, ct);
        return Pick(all, accountId, language);
    }

    public async Task<IReadOnlyList<TemplateDefinition>> ListAsync(string? accountId = null, string? category = null, bool activeOnly = false, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM templates
            WHERE (@accountId IS NULL OR account_id IN (@accountId, '')) AND (@category IS NULL OR category = @category) AND (@activeOnly = 0 OR active = 1)
            ORDER BY name, language, account_id
            """,
            new { accountId, category, activeOnly = activeOnly ? 1 : 0 }, cancellationToken: ct));
        return rows.Select(ToDefinition).ToList();
    }

    /// <summary>
    /// Creates or updates a local template. With <paramref name="onlyOverSource"/>, an existing row is changed
    /// only when it came from that source (built-in content never overwrites what a person changed).
    /// </summary>
    /// <returns>False when an existing row was left alone.</returns>
    public async Task<bool> UpsertAsync(DbConnection c, DbTransaction tx, TemplateDefinition t, string source, string? onlyOverSource, CancellationToken ct)
    {
        var now = time.NowMs();
        var changed = await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO templates (account_id, name, language, category, status, provider_template_id, body, parameters, active, source, created_at, updated_at)
            VALUES (@AccountId, @Name, @Language, @Category, @Status, @ProviderTemplateId, @Body, @parameters, @active, @source, @now, @now)
            ON CONFLICT (account_id, name, language) DO UPDATE SET
                category = excluded.category, provider_template_id = COALESCE(excluded.provider_template_id, templates.provider_template_id),
                body = excluded.body, parameters = excluded.parameters, active = excluded.active, source = excluded.source, updated_at = excluded.updated_at
            WHERE @onlyOverSource IS NULL OR templates.source = @onlyOverSource
            """,
            new
            {
                t.AccountId, t.Name, t.Language, t.Category, t.Status, t.ProviderTemplateId, t.Body,
                parameters = TemplateDefinition.SerializeParameters(t.Parameters), active = t.Active ? 1 : 0, source, now, onlyOverSource,
            },
            tx, cancellationToken: ct));
        return changed > 0;
    }

    public async Task<bool> ExistsAsync(DbConnection c, DbTransaction? tx, string accountId, string name, CancellationToken ct) =>
        await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM templates WHERE name = @name AND account_id IN (@accountId, '')", new { name, accountId }, tx, cancellationToken: ct)) > 0;

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

    private static TemplateDefinition ToDefinition(Row r) => new(r.name, r.language)
    {
        Id = r.id,
        AccountId = r.account_id,
        Category = r.category,
        Status = r.status,
        ProviderTemplateId = r.provider_template_id,
        Body = r.body,
        Parameters = TemplateDefinition.ParseParameters(r.parameters),
        Active = r.active != 0,
        Source = r.source,
    };
}
