using Dapper;
using Microsoft.Extensions.Logging;
using Parley.Core.Bots;
using Parley.Core.Storage;

namespace Parley.Core.Conversations;

/// <summary>A conversation's identity and who answers it: the bot (<c>bot</c>) or an operator (<c>human</c>).</summary>
public sealed record ConversationControl(long Id, string AccountId, long ContactId, string State)
{
    public bool TakenOver => State == ConversationInfo.HumanState;
}

/// <summary>
/// Human takeover: while an operator has a conversation, its bot stays silent (inbound messages are still
/// stored and marked processed) until the operator hands it back. The admin UI and the API call this.
/// </summary>
public sealed class ConversationTakeover(Database database, ILogger<ConversationTakeover> logger)
{
    /// <summary>Gives the conversation to an operator. False when it does not exist.</summary>
    public Task<bool> TakeOverAsync(long conversationId, CancellationToken ct = default) =>
        SetStateAsync(conversationId, ConversationInfo.HumanState, ct);

    /// <summary>Gives the conversation back to its bot. False when it does not exist.</summary>
    public Task<bool> HandBackAsync(long conversationId, CancellationToken ct = default) =>
        SetStateAsync(conversationId, ConversationInfo.BotState, ct);

    public async Task<ConversationControl?> FindAsync(long conversationId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(long id, string account_id, long contact_id, string state)>(new CommandDefinition(
            "SELECT id, account_id, contact_id, state FROM conversations WHERE id = @conversationId", new { conversationId }, cancellationToken: ct));
        return row.id == 0 ? null : new ConversationControl(row.id, row.account_id, row.contact_id, row.state);
    }

    /// <summary>The conversation of an account with a contact, by the contact's wa_id (digits of the number).</summary>
    public async Task<ConversationControl?> FindAsync(string accountId, string waId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(long id, string account_id, long contact_id, string state)>(new CommandDefinition(
            """
            SELECT v.id, v.account_id, v.contact_id, v.state FROM conversations v JOIN contacts k ON k.id = v.contact_id
            WHERE v.account_id = @accountId AND k.account_id = @accountId AND k.wa_id = @waId
            """,
            new { accountId, waId }, cancellationToken: ct));
        return row.id == 0 ? null : new ConversationControl(row.id, row.account_id, row.contact_id, row.state);
    }

    private async Task<bool> SetStateAsync(long conversationId, string state, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var changed = await c.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET state = @state WHERE id = @conversationId",
            new { state, conversationId }, cancellationToken: ct));
        if (changed > 0)
        {
            logger.LogInformation("Conversation {ConversationId} is now answered by {State}", conversationId, state);
        }

        return changed > 0;
    }
}
