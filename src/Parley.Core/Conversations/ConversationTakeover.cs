using Dapper;
using Microsoft.Extensions.Logging;
using Parley.Core.Bots;
using Parley.Core.Events;
using Parley.Core.Storage;

namespace Parley.Core.Conversations;

/// <summary>
/// Human takeover: a person takes a conversation over from the bot (state <c>human</c>) or hands it back (<c>bot</c>).
/// While a person holds it the bot stays silent (inbound messages are still stored and marked processed); bots see the
/// state in <see cref="ConversationInfo.State"/>. The change is published as an event after the commit.
/// The admin UI, the API and the CLI call this.
/// </summary>
public sealed class ConversationTakeover(Database database, TimeProvider time, IDomainEvents events, ILogger<ConversationTakeover> logger)
{
    /// <summary>Gives the conversation to an operator. False when it does not exist.</summary>
    public Task<bool> TakeOverAsync(long conversationId, CancellationToken ct = default) =>
        SetStateAsync(conversationId, ConversationInfo.HumanState, "operator", ct);

    /// <summary>Gives the conversation to an operator, named in the event by <paramref name="by"/>. False when it does not exist.</summary>
    public Task<bool> TakeOverAsync(long conversationId, string by, CancellationToken ct = default) =>
        SetStateAsync(conversationId, ConversationInfo.HumanState, by, ct);

    /// <summary>Gives the conversation back to its bot. False when it does not exist.</summary>
    public Task<bool> HandBackAsync(long conversationId, CancellationToken ct = default) =>
        SetStateAsync(conversationId, ConversationInfo.BotState, "operator", ct);

    /// <summary>Gives the conversation back to its bot, named in the event by <paramref name="by"/>. False when it does not exist.</summary>
    public Task<bool> HandBackAsync(long conversationId, string by, CancellationToken ct = default) =>
        SetStateAsync(conversationId, ConversationInfo.BotState, by, ct);

    public async Task<ConversationControl?> FindAsync(long conversationId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(long id, string account_id, long contact_id, string state)>(new CommandDefinition(
            "SELECT id, account_id, contact_id, state FROM conversations WHERE id = @conversationId", new { conversationId }, cancellationToken: ct));
        return row.id == 0 ? null : new ConversationControl(row.id, row.account_id, row.contact_id, row.state);
    }

    /// <summary>The conversation of an account with a contact, by the contact's number in any form (<see cref="Contacts.ContactKey"/>).</summary>
    public async Task<ConversationControl?> FindAsync(string accountId, string waId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(long id, string account_id, long contact_id, string state)>(new CommandDefinition(
            """
            SELECT v.id, v.account_id, v.contact_id, v.state FROM conversations v JOIN contacts k ON k.id = v.contact_id
            WHERE v.account_id = @accountId AND k.account_id = @accountId AND k.wa_id = @waId
            """,
            new { accountId, waId = Contacts.ContactKey.Canonical(waId) }, cancellationToken: ct));
        return row.id == 0 ? null : new ConversationControl(row.id, row.account_id, row.contact_id, row.state);
    }

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
