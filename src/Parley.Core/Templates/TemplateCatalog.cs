using System.Text.Json;
using Dapper;
using Parley.Core.Storage;

namespace Parley.Core.Templates;

/// <summary>Reads the <c>templates</c> table for the API, the admin UI, the CLI and template sends.</summary>
public sealed class TemplateCatalog(Database database)
{
    private const string Columns = "id, account_id, name, language, category, status, provider_template_id, body, parameters, components, active, source, created_at, updated_at";

    private sealed record Row(long id, string account_id, string name, string language, string? category, string status, string? provider_template_id,
        string? body, string parameters, string? components, long active, string source, long created_at, long updated_at);

    public async Task<Page<TemplateInfo>> ListAsync(TemplateFilter filter, long? beforeId, int limit, CancellationToken ct = default)
    {
        var where = new List<string> { "id < @before" };
        if (filter.AccountId is not null)
        {
            where.Add("(account_id = @AccountId OR account_id = '')");
        }

        if (filter.Category is not null)
        {
            where.Add("LOWER(category) = LOWER(@Category)");
        }

        if (filter.Language is not null)
        {
            where.Add("LOWER(language) = LOWER(@Language)");
        }

        if (filter.Name is not null)
        {
            where.Add("name = @Name");
        }

        if (filter.ActiveOnly)
        {
            where.Add("active = 1");
        }

        await using var c = await database.OpenAsync(ct);
        var rows = (await c.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM templates WHERE {string.Join(" AND ", where)} ORDER BY id DESC LIMIT @take",
            new { before = beforeId ?? long.MaxValue, filter.AccountId, filter.Category, filter.Language, filter.Name, take = limit + 1 }, cancellationToken: ct))).ToList();
        return Page<TemplateInfo>.From(rows.Select(ToInfo).ToList(), limit, t => t.Id);
    }

    /// <summary>The account's own template of that name and language, else the shared one.</summary>
    public async Task<TemplateInfo?> FindAsync(string? accountId, string name, string language, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM templates WHERE name = @name AND LOWER(language) = LOWER(@language) AND (account_id = @account OR account_id = '') ORDER BY account_id DESC",
            new { account = accountId ?? "", name, language }, cancellationToken: ct));
        return rows.Select(ToInfo).FirstOrDefault();
    }

    /// <summary>The active templates of that name for the account and shared ones, every language.</summary>
    public async Task<IReadOnlyList<TemplateInfo>> ActiveByNameAsync(string accountId, string name, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM templates WHERE name = @name AND account_id IN (@accountId, '') AND active = 1",
            new { name, accountId }, cancellationToken: ct));
        return rows.Select(ToInfo).ToList();
    }

    /// <summary>Every template, for an account (its own and shared) or all, by name, language and account.</summary>
    public async Task<IReadOnlyList<TemplateInfo>> ListAllAsync(string? accountId = null, string? category = null, bool activeOnly = false, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM templates
            WHERE (@accountId IS NULL OR account_id IN (@accountId, '')) AND (@category IS NULL OR category = @category) AND (@activeOnly = 0 OR active = 1)
            ORDER BY name, language, account_id
            """,
            new { accountId, category, activeOnly = activeOnly ? 1 : 0 }, cancellationToken: ct));
        return rows.Select(ToInfo).ToList();
    }

    /// <summary>How many templates the catalog holds for an account (its own and shared).</summary>
    public async Task<long> CountAsync(string accountId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM templates WHERE account_id = @accountId OR account_id = ''", new { accountId }, cancellationToken: ct));
    }

    private static TemplateInfo ToInfo(Row r) => new(r.id, r.account_id, r.name, r.language)
    {
        Category = r.category,
        Status = r.status,
        ProviderTemplateId = r.provider_template_id,
        Body = r.body,
        Parameters = ReadParameters(r.parameters),
        ParametersJson = r.parameters,
        Components = r.components,
        Active = r.active != 0,
        Source = r.source,
        CreatedAt = Clock.FromMs(r.created_at),
        UpdatedAt = Clock.FromMs(r.updated_at),
    };

    /// <summary>The column holds a JSON array of names (or of objects with a <c>name</c>); anything else reads as none.</summary>
    private static List<string> ReadParameters(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return doc.RootElement.EnumerateArray()
                .Select(e => e.ValueKind switch
                {
                    JsonValueKind.String => e.GetString(),
                    JsonValueKind.Object when e.TryGetProperty("name", out var n) => n.GetString(),
                    _ => null,
                })
                .OfType<string>()
                .ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
