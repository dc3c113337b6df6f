using System.Data.Common;
using Dapper;

namespace Parley.Core.Conversations;

/// <summary>
/// The lock order of the messaging core: contact, then conversation, then message rows. Intake takes the
/// conversation row by upserting it; workers that change a conversation's messages take it first with this.
/// SQLite serializes writers already, so there it is a no-op.
/// </summary>
public static class ConversationLocks
{
    public static async Task LockAsync(DbConnection c, DbTransaction tx, long conversationId, CancellationToken ct)
    {
        if (c is Npgsql.NpgsqlConnection)
        {
            await c.ExecuteAsync(new CommandDefinition(
                "SELECT id FROM conversations WHERE id = @conversationId FOR UPDATE", new { conversationId }, tx, cancellationToken: ct));
        }
    }
}
