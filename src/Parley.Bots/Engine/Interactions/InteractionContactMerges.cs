using Dapper;
using Parley.Core.Contacts;
using Parley.Core.Storage;

namespace Parley.Bots.Engine.Interactions;

/// <summary>
/// Moves interaction records to the contact and conversation their contact was merged into (<see cref="ContactMerge"/>),
/// with the contact's canonical number, so the log's lookups by phone find them.
/// </summary>
public sealed class InteractionContactMerges(Database database) : IContactMergeFollower
{
    public string Module => "bots";

    public async Task ApplyAsync(IReadOnlyList<ContactMerge> merges, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(c, ct);
        foreach (var m in merges)
        {
            await c.ExecuteAsync(new CommandDefinition(
                """
                UPDATE bot_interactions SET contact_id = @ToContactId, contact = @ToWaId,
                    conversation_id = CASE WHEN conversation_id = @from THEN @to ELSE conversation_id END
                WHERE account_id = @AccountId AND contact_id = @FromContactId
                """,
                new { m.AccountId, m.FromContactId, m.ToContactId, m.ToWaId, from = m.FromConversationId ?? -1, to = m.ToConversationId ?? -1 },
                tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
    }
}
