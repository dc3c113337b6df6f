using System.Data.Common;
using Dapper;
using Parley.Core.Storage;

namespace Parley.Core.Templates;

/// <summary>
/// Writes the <c>templates</c> table for the modules that bring templates: a provider's sync (rows of its own
/// source, status from the provider) and bot definitions (local rows, imported). Reads are <see cref="TemplateCatalog"/>'s;
/// a person's edits in the admin go through <see cref="TemplateEditor"/>.
/// </summary>
public sealed class TemplateWriter(Database database, TimeProvider time)
{
    /// <summary>
    /// Inserts or updates a provider's template; an existing row is changed only when it came from the same
    /// <see cref="TemplateRecord.Source"/> (rows defined locally are never overwritten by a sync).
    /// </summary>
    public async Task UpsertSyncedAsync(TemplateRecord t, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO templates (account_id, name, language, category, status, provider_template_id, body, parameters, components, active, source, created_at, updated_at)
            VALUES (@AccountId, @Name, @Language, @Category, @Status, @ProviderTemplateId, @Body, @ParametersJson, @Components, @active, @Source, @now, @now)
            ON CONFLICT (account_id, name, language) DO UPDATE SET
                category = excluded.category, status = excluded.status, provider_template_id = excluded.provider_template_id,
                body = excluded.body, parameters = excluded.parameters, components = excluded.components, active = excluded.active,
                updated_at = excluded.updated_at
            WHERE templates.source = @Source
            """,
            new
            {
                t.AccountId, t.Name, t.Language, t.Category, t.Status, t.ProviderTemplateId, t.Body, t.ParametersJson, t.Components,
                active = t.Active ? 1 : 0, t.Source, now = time.NowMs(),
            },
            cancellationToken: ct));
    }

    /// <summary>
    /// Creates or updates a local template inside the caller's transaction (a bot definition import). With
    /// <paramref name="onlyOverSource"/>, an existing row is changed only when it came from that source.
    /// </summary>
    /// <returns>False when an existing row was left alone.</returns>
    public async Task<bool> UpsertLocalAsync(DbConnection c, DbTransaction tx, TemplateRecord t, string? onlyOverSource, CancellationToken ct = default)
    {
        var changed = await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO templates (account_id, name, language, category, status, provider_template_id, body, parameters, active, source, created_at, updated_at)
            VALUES (@AccountId, @Name, @Language, @Category, @Status, @ProviderTemplateId, @Body, @ParametersJson, @active, @Source, @now, @now)
            ON CONFLICT (account_id, name, language) DO UPDATE SET
                category = excluded.category, provider_template_id = COALESCE(excluded.provider_template_id, templates.provider_template_id),
                body = excluded.body, parameters = excluded.parameters, active = excluded.active, source = excluded.source, updated_at = excluded.updated_at
            WHERE @onlyOverSource IS NULL OR templates.source = @onlyOverSource
            """,
            new
            {
                t.AccountId, t.Name, t.Language, t.Category, t.Status, t.ProviderTemplateId, t.Body, t.ParametersJson,
                active = t.Active ? 1 : 0, t.Source, now = time.NowMs(), onlyOverSource,
            },
            tx, cancellationToken: ct));
        return changed > 0;
    }

    /// <summary>Whether the account (or every account, <c>''</c>) has a template of that name, inside the caller's transaction.</summary>
    public static async Task<bool> ExistsAsync(DbConnection c, DbTransaction? tx, string accountId, string name, CancellationToken ct = default) =>
        await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM templates WHERE name = @name AND account_id IN (@accountId, '')", new { name, accountId }, tx, cancellationToken: ct)) > 0;

    /// <summary>Marks the account's templates of <paramref name="source"/> that a complete sync did not see as deleted; returns how many.</summary>
    public async Task<int> MarkMissingAsync(string accountId, string source, IReadOnlySet<(string Name, string Language)> seen, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<(long Id, string Name, string Language, string Status)>(new CommandDefinition(
            "SELECT id, name, language, status FROM templates WHERE account_id = @accountId AND source = @source",
            new { accountId, source }, cancellationToken: ct));
        var gone = rows.Where(r => r.Status != "DELETED" && !seen.Contains((r.Name, r.Language))).ToList();
        foreach (var row in gone)
        {
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE templates SET status = 'DELETED', active = 0, updated_at = @now WHERE id = @Id",
                new { row.Id, now = time.NowMs() }, cancellationToken: ct));
        }

        return gone.Count;
    }

    /// <summary>Sets the status (and the provider's id, when given) of a synced template in each account; returns the rows changed.</summary>
    public async Task<int> SetStatusAsync(
        IEnumerable<string> accountIds, string source, string name, string language, string status, bool active, string? providerTemplateId, CancellationToken ct = default)
    {
        const string Sql = """
            UPDATE templates SET status = @status, active = @active, provider_template_id = COALESCE(@providerTemplateId, provider_template_id), updated_at = @now
            WHERE account_id = @accountId AND name = @name AND language = @language AND source = @source
            """;
        return await EachAccountAsync(accountIds, accountId =>
            new CommandDefinition(Sql, new { status, active = active ? 1 : 0, providerTemplateId, name, language, accountId, source, now = time.NowMs() }, cancellationToken: ct), ct);
    }

    /// <summary>Sets the category of a synced template in each account; returns the rows changed.</summary>
    public async Task<int> SetCategoryAsync(IEnumerable<string> accountIds, string source, string name, string language, string category, CancellationToken ct = default)
    {
        const string Sql = """
            UPDATE templates SET category = @category, updated_at = @now
            WHERE account_id = @accountId AND name = @name AND language = @language AND source = @source
            """;
        return await EachAccountAsync(accountIds, accountId =>
            new CommandDefinition(Sql, new { category, name, language, accountId, source, now = time.NowMs() }, cancellationToken: ct), ct);
    }

    private async Task<int> EachAccountAsync(IEnumerable<string> accountIds, Func<string, CommandDefinition> command, CancellationToken ct)
    {
        var changed = 0;
        await using var c = await database.OpenAsync(ct);
        foreach (var accountId in accountIds.Distinct(StringComparer.Ordinal))
        {
            changed += await c.ExecuteAsync(command(accountId));
        }

        return changed;
    }
}
