using Dapper;
using Microsoft.Extensions.Logging;
using Parley.Core.Bots;
using Parley.Core.Events;
using Parley.Core.Storage;

namespace Parley.Core.Conversations;

/// <summary>
/// A person takes a conversation over from the bot (state <c>human</c>) or hands it back (<c>bot</c>).
/// Bots see the state in <see cref="ConversationInfo.State"/>; the change is published as an event after the commit.
/// </summary>
public sealed class ConversationTakeover(Database database, TimeProvider time, IDomainEvents events, ILogger<ConversationTakeover> logger)
{
    /// <returns>False when the conversation does not exist.</returns>
    public Task<bool> TakeOverAsync(long conversationId, string by, CancellationToken ct = default) =>
        SetStateAsync(conversationId, ConversationInfo.HumanState, by, ct);

    /// <returns>False when the conversation does not exist.</returns>
    public Task<bool> HandBackAsync(long conversationId, string by, CancellationToken ct = default) =>
        SetStateAsync(conversationId, ConversationInfo.BotState, by, ct);

    private async Task<bool> SetStateAsync(long conversationId, string state, string by, CancellationToken ct)
    {
        string? accountId;
        await using (var c = await database.OpenAsync(ct))
        {
            accountId = await c.ExecuteScalarAsync<string?>(new CommandDefinition(
                "UPDATE conversations SET state = @state WHERE id = @conversationId RETURNING account_id",
                new { conversationId, state }, cancellationToken: ct));
        }

        if (accountId is null)
        {
            return false;
        }

        logger.LogInformation("Conversation {ConversationId} set to {State} by {By}", conversationId, state, by);
        await events.PublishAsync([new ConversationStateChanged(accountId, conversationId, state, by, time.GetUtcNow())], ct);
        return true;
    }
}
