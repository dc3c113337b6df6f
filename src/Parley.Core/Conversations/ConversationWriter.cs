using System.Data.Common;
using Dapper;
using Parley.Core.Contacts;
using Parley.Core.Messaging;

namespace Parley.Core.Conversations;

/// <summary>
/// Creates contacts and conversations on first contact, inside the caller's transaction. Every contact is keyed by
/// <see cref="ContactKey"/>, so each provider's way of writing a number lands on one contact.
/// </summary>
public static class ConversationWriter
{
    public sealed record Keys(long ContactId, long ConversationId);

    public static async Task<Keys> EnsureAsync(DbConnection c, DbTransaction tx, string accountId, ContactRef contact, long now, CancellationToken ct)
    {
        contact = ContactKey.Canonical(contact);
        var contactId = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO contacts (account_id, wa_id, phone, name, created_at, updated_at)
            VALUES (@accountId, @WaId, @Phone, @ProfileName, @now, @now)
            ON CONFLICT (account_id, wa_id) DO UPDATE SET
                phone = COALESCE(excluded.phone, contacts.phone),
                name = COALESCE(excluded.name, contacts.name),
                updated_at = excluded.updated_at
            RETURNING id
            """,
            new { accountId, contact.WaId, contact.Phone, contact.ProfileName, now }, tx, cancellationToken: ct));

        var conversationId = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO conversations (account_id, contact_id, last_message_at, created_at)
            VALUES (@accountId, @contactId, @now, @now)
            ON CONFLICT (account_id, contact_id) DO UPDATE SET last_message_at = excluded.last_message_at
            RETURNING id
            """,
            new { accountId, contactId, now }, tx, cancellationToken: ct));

        return new Keys(contactId, conversationId);
    }
}
