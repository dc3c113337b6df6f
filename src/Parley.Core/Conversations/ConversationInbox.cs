using Dapper;
using Parley.Core.Storage;

namespace Parley.Core.Conversations;

/// <summary>What an operator's inbox does beside reading (<see cref="ConversationQueries"/>): marking a conversation seen.</summary>
public sealed class ConversationInbox(Database database)
{
    /// <summary>Clears the unread count (a no-op when it is zero already).</summary>
    public async Task MarkSeenAsync(long conversationId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET unread = 0 WHERE id = @conversationId AND unread <> 0", new { conversationId }, cancellationToken: ct));
    }
}
