using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Parley.Core.Storage;

namespace Parley.Core.Templates;

/// <summary>
/// Writes local templates into the <c>templates</c> table (reading stays with <see cref="TemplateCatalog"/>). Synced templates belong to
/// the provider: they can be switched on and off here, not rewritten.
/// </summary>
public sealed class TemplateEditor(Database database, TimeProvider time)
{
    private sealed record Row(long id, string account_id, string name, string language, string? category, string status, string? provider_template_id,
        string? body, string parameters, string? components, long active, string source, long created_at, long updated_at);

    public async Task<TemplateInfo?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var r = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT id, account_id, name, language, category, status, provider_template_id, body, parameters, components, active, source, created_at, updated_at FROM templates WHERE id = @id",
            new { id }, cancellationToken: ct));
        return r is null ? null : new TemplateInfo(r.id, r.account_id, r.name, r.language)
        {
            Category = r.category,
            Status = r.status,
            ProviderTemplateId = r.provider_template_id,
            Body = r.body,
            Parameters = TemplateRenderer.PlaceholdersOf(r.body ?? ""),
            Components = r.components,
            Active = r.active != 0,
            Source = r.source,
            CreatedAt = Clock.FromMs(r.created_at),
            UpdatedAt = Clock.FromMs(r.updated_at),
        };
    }

    /// <summary>Errors in a draft, by field; empty when it can be saved.</summary>
    public static Dictionary<string, string> Validate(TemplateDraft draft)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!System.Text.RegularExpressions.Regex.IsMatch(draft.Name ?? "", "^[a-z0-9_]{1,512}$"))
        {
            errors["name"] = "Use lower-case letters, digits and underscores, like order_update (WhatsApp's rule).";
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(draft.Language ?? "", "^[a-z]{2,3}(_[A-Z]{2})?$"))
        {
            errors["language"] = "Use a language code like en, es or pt_BR.";
        }

        if (string.IsNullOrWhiteSpace(draft.Body))
        {
            errors["body"] = "The body is required.";
        }
        else if (draft.Body.Length > 1024)
        {
            errors["body"] = "WhatsApp allows at most 1,024 characters in a template body.";
        }

        if (draft.Header is { Length: > 60 })
        {
            errors["header"] = "A text header has at most 60 characters.";
        }

        if (draft.Footer is { Length: > 60 })
        {
            errors["footer"] = "A footer has at most 60 characters.";
        }

        if (draft.Buttons.Count > 10 || draft.Buttons.Any(b => b.Length > 25))
        {
            errors["buttons"] = "At most 10 buttons of at most 25 characters each.";
        }

        return errors;
    }

    /// <summary>Creates or updates a local template (unique by account, name and language); returns its id.</summary>
    /// <exception cref="ArgumentException">The draft is invalid, or a template with that name and language exists for the account.</exception>
    public async Task<long> SaveAsync(long? id, TemplateDraft draft, CancellationToken ct = default)
    {
        var errors = Validate(draft);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors.Values));
        }

        var now = time.NowMs();
        var body = draft.Body.Trim();
        var args = new
        {
            id,
            account = draft.AccountId?.Trim() ?? "",
            draft.Name,
            draft.Language,
            category = string.IsNullOrWhiteSpace(draft.Category) ? null : draft.Category.Trim().ToUpperInvariant(),
            body,
            parameters = JsonSerializer.Serialize(TemplateRenderer.PlaceholdersOf(body)),
            components = Components(draft, body),
            active = draft.Active ? 1 : 0,
            now,
        };
        await using var c = await database.OpenAsync(ct);
        try
        {
            if (id is null)
            {
                return await c.ExecuteScalarAsync<long>(new CommandDefinition(
                    """
                    INSERT INTO templates (account_id, name, language, category, status, body, parameters, components, active, source, created_at, updated_at)
                    VALUES (@account, @Name, @Language, @category, 'local', @body, @parameters, @components, @active, 'local', @now, @now)
                    RETURNING id
                    """, args, cancellationToken: ct));
            }

            var source = await c.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT source FROM templates WHERE id = @id", new { id }, cancellationToken: ct))
                ?? throw new ArgumentException($"Template {id} does not exist.");
            if (source != "local")
            {
                throw new ArgumentException("This template comes from the provider; change it in the provider's console and sync again.");
            }

            await c.ExecuteAsync(new CommandDefinition(
                """
                UPDATE templates SET account_id = @account, name = @Name, language = @Language, category = @category, body = @body,
                    parameters = @parameters, components = @components, active = @active, updated_at = @now
                WHERE id = @id
                """, args, cancellationToken: ct));
            return id.Value;
        }
        catch (System.Data.Common.DbException ex) when (ex is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } or Npgsql.PostgresException { SqlState: "23505" })
        {
            throw new ArgumentException($"A template named {draft.Name} in '{draft.Language}' exists already for this account.");
        }
    }

    public async Task<bool> SetActiveAsync(long id, bool active, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            "UPDATE templates SET active = @active, updated_at = @now WHERE id = @id", new { id, active = active ? 1 : 0, now = time.NowMs() }, cancellationToken: ct)) > 0;
    }

    /// <summary>Deletes a local template; synced ones are only deactivated (the next sync would bring them back).</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var deleted = await c.ExecuteAsync(new CommandDefinition("DELETE FROM templates WHERE id = @id AND source = 'local'", new { id }, cancellationToken: ct));
        return deleted > 0 || await SetActiveAsync(id, false, ct);
    }

    private static string Components(TemplateDraft draft, string body)
    {
        var parts = new JsonArray();
        if (!string.IsNullOrWhiteSpace(draft.Header))
        {
            parts.Add(new JsonObject { ["type"] = "HEADER", ["format"] = "TEXT", ["text"] = draft.Header.Trim() });
        }

        parts.Add(new JsonObject { ["type"] = "BODY", ["text"] = body });
        if (!string.IsNullOrWhiteSpace(draft.Footer))
        {
            parts.Add(new JsonObject { ["type"] = "FOOTER", ["text"] = draft.Footer.Trim() });
        }

        var buttons = draft.Buttons.Where(b => !string.IsNullOrWhiteSpace(b)).Select(b => b.Trim()).ToList();
        if (buttons.Count > 0)
        {
            var list = new JsonArray();
            foreach (var b in buttons)
            {
                list.Add(new JsonObject { ["type"] = "QUICK_REPLY", ["text"] = b });
            }

            parts.Add(new JsonObject { ["type"] = "BUTTONS", ["buttons"] = list });
        }

        return parts.ToJsonString();
    }
}
