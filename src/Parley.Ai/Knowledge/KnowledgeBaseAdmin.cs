using Microsoft.Extensions.Options;
using Parley.Ai.Chat;
using Parley.Ai.Media.Documents;
using Parley.Core.Accounts;
using Parley.Core.Knowledge;

namespace Parley.Ai.Knowledge;

/// <summary>The knowledge base as the admin UI uses it (<see cref="IKnowledgeBaseAdmin"/>, declared in the core).</summary>
public sealed class KnowledgeBaseAdmin(KnowledgeBase knowledge, Retriever retriever, AccountRegistry accounts, IOptions<AiOptions> options) : IKnowledgeBaseAdmin
{
    public async Task<IReadOnlyList<KnowledgeDocumentInfo>> ListAsync(string? accountId, CancellationToken ct) =>
        (await knowledge.ListAsync(accountId, ct)).Select(ToInfo).ToList();

    /// <exception cref="InvalidOperationException">The file cannot be read or holds no text; the message says why.</exception>
    public async Task<KnowledgeDocumentInfo> AddAsync(string accountId, string? bot, string fileName, Stream content, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        var settings = await SettingsAsync(accountId, ct);
        try
        {
            var added = await knowledge.AddAsync(new KbScope(accountId, bot ?? KbScope.Everyone), fileName, buffer.ToArray(), null, null, "admin",
                settings.IsOffline ? null : settings, ct);
            return (await knowledge.ListAsync(accountId, ct)).Where(d => d.Id == added.Id).Select(ToInfo).Single();
        }
        catch (DocumentReadException ex)
        {
            throw new InvalidOperationException(ex.Message, ex);
        }
    }

    public Task<bool> RemoveAsync(long id, CancellationToken ct) => knowledge.RemoveAsync(id, ct);

    public async Task<IReadOnlyList<KnowledgeHit>> SearchAsync(string accountId, string? bot, string question, CancellationToken ct)
    {
        var settings = await SettingsAsync(accountId, ct);
        var found = await retriever.SearchAsync(new KbScope(accountId, bot ?? KbScope.Everyone), question, settings, ct);
        return found.Select(p => new KnowledgeHit(p.Passage.Title, p.Passage.Heading, p.Passage.Text, Math.Max(p.Coverage, p.Similarity ?? 0))).ToList();
    }

    private async Task<AiSettings> SettingsAsync(string accountId, CancellationToken ct)
    {
        var account = accountId.Length == 0 ? null : await accounts.FindAsync(accountId, ct);
        return AiSettings.ForOrOffline(options.Value, account);
    }

    private static KnowledgeDocumentInfo ToInfo(KbDocument d) =>
        new(d.Id, d.AccountId, d.Bot, d.Title, d.Source, d.Format, d.UpdatedAt) { Size = d.Size, Passages = d.Passages };
}
