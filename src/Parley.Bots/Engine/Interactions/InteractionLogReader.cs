using Parley.Core.Interactions;
using Parley.Core.Storage;

namespace Parley.Bots.Engine.Interactions;

/// <summary>The engine's interaction log as the admin UI reads it (<see cref="IInteractionLogReader"/>).</summary>
public sealed class InteractionLogReader(InteractionQueries queries) : IInteractionLogReader
{
    public async Task<Page<InteractionEntry>> ListAsync(InteractionFilter filter, CancellationToken ct)
    {
        var page = await queries.ListAsync(new InteractionQuery
        {
            AccountId = filter.AccountId,
            Intent = filter.Intent,
            Contact = filter.Contact is null ? null : Parley.Core.Contacts.ContactKey.Canonical(filter.Contact),
            Template = filter.Template,
            Success = filter.Success,
            From = filter.From,
            To = filter.To,
            Before = filter.BeforeId,
            Limit = filter.Limit,
        }, ct);
        return new Page<InteractionEntry>(page.Items.Select(r => new InteractionEntry(r.Id, r.AccountId, r.ConversationId, r.MessageId, r.CreatedAt)
        {
            Bot = r.Bot,
            Contact = r.Contact,
            Text = r.Text,
            Route = r.Route,
            Intent = r.Intent,
            Confidence = r.Confidence,
            Template = r.Template,
            Response = r.Response,
            ProcessingMs = r.ProcessingMs,
            Success = r.Success,
            Error = r.Error,
        }).ToList(), page.NextCursor);
    }
}
