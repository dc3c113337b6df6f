using System.Text.Json;
using Dapper;
using Parley.Core.Storage;

namespace Parley.Channels.Meta;

/// <summary>
/// Meta's templates in the shared <c>templates</c> table (source <c>meta</c>, one row per account, name and language).
/// Rows defined locally (source <c>local</c>) are never overwritten by a sync.
/// </summary>
public sealed class MetaTemplateStore(Database database, TimeProvider time)
{
    public const string Source = "meta";
    public const string Approved = "APPROVED";

    private sealed record KeyRow(long id, string name, string language, string status);

    /// <summary>Inserts or updates one template of an account.</summary>
    public async Task UpsertAsync(string accountId, MetaTemplate template, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO templates (account_id, name, language, category, status, provider_template_id, body, parameters, components, active, source, created_at, updated_at)
            VALUES (@accountId, @Name, @Language, @Category, @Status, @Id, @Body, @parameters, @Components, @active, @source, @now, @now)
            ON CONFLICT (account_id, name, language) DO UPDATE SET
                category = excluded.category, status = excluded.status, provider_template_id = excluded.provider_template_id,
                body = excluded.body, parameters = excluded.parameters, components = excluded.components, active = excluded.active,
                updated_at = excluded.updated_at
            WHERE templates.source = @source
            """,
            new
            {
                accountId, template.Name, template.Language, template.Category, template.Status, template.Id, template.Body, template.Components,
                parameters = JsonSerializer.Serialize(template.Parameters), active = template.Active ? 1 : 0, source = Source, now = time.NowMs(),
            },
            cancellationToken: ct));
    }

    /// <summary>Marks the account's Meta templates that a complete sync did not see as deleted; returns how many.</summary>
    public async Task<int> MarkMissingAsync(string accountId, IReadOnlySet<(string Name, string Language)> seen, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<KeyRow>(new CommandDefinition(
            "SELECT id, name, language, status FROM templates WHERE account_id = @accountId AND source = @source",
            new { accountId, source = Source }, cancellationToken: ct));
        var gone = rows.Where(r => r.status != "DELETED" && !seen.Contains((r.name, r.language))).ToList();
        foreach (var row in gone)
        {
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE templates SET status = 'DELETED', active = 0, updated_at = @now WHERE id = @id",
                new { row.id, now = time.NowMs() }, cancellationToken: ct));
        }

        return gone.Count;
    }

    /// <summary>Applies a template status or category webhook to the given accounts' rows; returns the rows changed.</summary>
    public async Task<int> ApplyAsync(IEnumerable<string> accountIds, MetaTemplateEvent change, CancellationToken ct)
    {
        string sql;
        Func<string, object> args;
        if (change.Field == MetaTemplateEvent.StatusField && StatusFor(change.Event) is { } status)
        {
            sql = """
                UPDATE templates SET status = @status, active = @active, provider_template_id = COALESCE(@TemplateId, provider_template_id), updated_at = @now
                WHERE account_id = @accountId AND name = @Name AND language = @Language AND source = @source
                """;
            args = accountId => new { status, active = status == Approved ? 1 : 0, change.TemplateId, change.Name, change.Language, accountId, source = Source, now = time.NowMs() };
        }
        else if (change.Field == MetaTemplateEvent.CategoryField && change.NewCategory is { } category)
        {
            sql = """
                UPDATE templates SET category = @category, updated_at = @now
                WHERE account_id = @accountId AND name = @Name AND language = @Language AND source = @source
                """;
            args = accountId => new { category, change.Name, change.Language, accountId, source = Source, now = time.NowMs() };
        }
        else
        {
            return 0;
        }

        var changed = 0;
        await using var c = await database.OpenAsync(ct);
        foreach (var accountId in accountIds.Distinct(StringComparer.Ordinal))
        {
            changed += await c.ExecuteAsync(new CommandDefinition(sql, args(accountId), cancellationToken: ct));
        }

        return changed;
    }

    /// <summary>The body's placeholder names of a synced template, or null when Parley does not know the template.</summary>
    public async Task<IReadOnlyList<string>?> ParameterNamesAsync(string accountId, string name, string language, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var json = await c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT parameters FROM templates WHERE account_id = @accountId AND name = @name AND language = @language AND source = @source",
            new { accountId, name, language, source = Source }, cancellationToken: ct));
        return json is null ? null : JsonSerializer.Deserialize<List<string>>(json);
    }

    /// <summary>
    /// The status a <c>message_template_status_update</c> event leaves the template in, or null when the event says nothing
    /// certain about it: FLAGGED templates can still be sent, and after UNARCHIVED/UNLOCKED the next sync reads the real status.
    /// </summary>
    public static string? StatusFor(string? templateEvent) => templateEvent?.ToUpperInvariant() switch
    {
        null or "" or "FLAGGED" or "UNARCHIVED" or "UNLOCKED" => null,
        "REINSTATED" => Approved,
        var other => other,
    };
}
