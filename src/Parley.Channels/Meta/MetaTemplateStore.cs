using System.Text.Json;
using Parley.Core.Templates;

namespace Parley.Channels.Meta;

/// <summary>
/// Meta's templates in Core's template catalogue (source <c>meta</c>, one row per account, name and language), written
/// through <see cref="TemplateWriter"/>. Rows defined locally (source <c>local</c>) are never overwritten by a sync.
/// </summary>
public sealed class MetaTemplateStore(TemplateWriter writer, TemplateCatalog catalog)
{
    public const string Source = "meta";
    public const string Approved = "APPROVED";

    /// <summary>Inserts or updates one template of an account.</summary>
    public Task UpsertAsync(string accountId, MetaTemplate template, CancellationToken ct) =>
        writer.UpsertSyncedAsync(new TemplateRecord(accountId, template.Name, template.Language, Source)
        {
            Category = template.Category,
            Status = template.Status,
            ProviderTemplateId = template.Id,
            Body = template.Body,
            ParametersJson = JsonSerializer.Serialize(template.Parameters),
            Components = template.Components,
            Active = template.Active,
        }, ct);

    /// <summary>Marks the account's Meta templates that a complete sync did not see as deleted; returns how many.</summary>
    public Task<int> MarkMissingAsync(string accountId, IReadOnlySet<(string Name, string Language)> seen, CancellationToken ct) =>
        writer.MarkMissingAsync(accountId, Source, seen, ct);

    /// <summary>Applies a template status or category webhook to the given accounts' rows; returns the rows changed.</summary>
    public async Task<int> ApplyAsync(IEnumerable<string> accountIds, MetaTemplateEvent change, CancellationToken ct)
    {
        if (change.Field == MetaTemplateEvent.StatusField && StatusFor(change.Event) is { } status)
        {
            return await writer.SetStatusAsync(accountIds, Source, change.Name, change.Language, status, status == Approved, change.TemplateId, ct);
        }

        if (change.Field == MetaTemplateEvent.CategoryField && change.NewCategory is { } category)
        {
            return await writer.SetCategoryAsync(accountIds, Source, change.Name, change.Language, category, ct);
        }

        return 0;
    }

    /// <summary>The body's placeholder names of a synced template, or null when Parley does not know the template.</summary>
    public async Task<IReadOnlyList<string>?> ParameterNamesAsync(string accountId, string name, string language, CancellationToken ct) =>
        await catalog.FindAsync(accountId, name, language, ct) is { AccountId: var owner, Source: Source } found && owner == accountId ? found.Parameters : null;

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
