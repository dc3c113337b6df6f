using System.Data.Common;
using System.Text.Json;
using Dapper;
using Parley.Core.Storage;

namespace Parley.Core.Messaging;

/// <summary>Reads messages for threads, history, the API and the workers.</summary>
public sealed class MessageQueries(Database database)
{
    internal const string Columns =
        "id, account_id, conversation_id, contact_id, direction, content, provider_message_id, idempotency_key, status, status_at, error_code, error_reason, in_reply_to, source, attempts, last_error, process_state, next_attempt_at, created_at";

    internal sealed record Row(
        long id, string account_id, long conversation_id, long contact_id, string direction, string content, string? provider_message_id, string? idempotency_key,
        string status, long status_at, string? error_code, string? error_reason, long? in_reply_to, string? source, long attempts,
        string? last_error, long process_state, long next_attempt_at, long created_at);

    public async Task<StoredMessage?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM messages WHERE id = @id", new { id }, cancellationToken: ct));
        return row is null ? null : ToMessage(row);
    }

    /// <summary>Parley's id of the account's message with that provider id; null when there is none.</summary>
    public async Task<long?> FindIdByProviderIdAsync(string accountId, string providerMessageId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM messages WHERE account_id = @accountId AND provider_message_id = @providerMessageId",
            new { accountId, providerMessageId }, cancellationToken: ct));
    }

    /// <summary>Whether a message of the account carries the stored file <paramref name="mediaId"/> (a content hash).</summary>
    public async Task<bool> AccountHasMediaAsync(string accountId, string mediaId, CancellationToken ct = default)
    {
        if (mediaId.Length != 64 || !mediaId.All(Uri.IsHexDigit))
        {
            return false;
        }

        await using var c = await database.OpenAsync(ct);
        // The id is 64 hex digits (checked above), so it is safe inside LIKE; content is the message's JSON.
        return await c.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT 1 FROM messages WHERE account_id = @accountId AND content LIKE @pattern LIMIT 1",
            new { accountId, pattern = $"%\"storedId\":\"{mediaId.ToLowerInvariant()}\"%" }, cancellationToken: ct)) is not null;
    }

    /// <summary>A conversation's messages after <paramref name="afterId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<StoredMessage>> ThreadAsync(long conversationId, long afterId, int limit, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        return await ThreadAsync(c, null, conversationId, afterId, limit, ct);
    }

    /// <summary>The last <paramref name="count"/> messages before <paramref name="beforeId"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<StoredMessage>> RecentAsync(DbConnection c, long conversationId, long beforeId, int count, CancellationToken ct)
    {
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM messages WHERE conversation_id = @conversationId AND id < @beforeId ORDER BY id DESC LIMIT @count",
            new { conversationId, beforeId, count }, cancellationToken: ct));
        return rows.Reverse().Select(ToMessage).ToList();
    }

    /// <summary>
    /// What came before <paramref name="current"/> in its conversation: earlier inbound messages and the replies to them
    /// (a reply counts where its question is, so a slow answer does not land after a later question), newest first.
    /// </summary>
    public async Task<IReadOnlyList<StoredMessage>> HistoryBeforeAsync(StoredMessage current, int limit, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM messages
            WHERE conversation_id = @ConversationId AND id <> @Id
              AND ((direction = 'inbound' AND id < @Id) OR (direction = 'outbound' AND COALESCE(in_reply_to, id) < @Id))
            ORDER BY id DESC LIMIT @limit
            """,
            new { current.ConversationId, current.Id, limit }, cancellationToken: ct));
        return rows.Select(ToMessage).ToList();
    }

    /// <summary>Whether one of the conversation's last <paramref name="lookBack"/> outbound messages has exactly the text <paramref name="text"/>.</summary>
    public async Task<bool> SentTextAsync(long conversationId, string text, int lookBack, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var contents = await c.QueryAsync<string>(new CommandDefinition(
            "SELECT content FROM messages WHERE conversation_id = @conversationId AND direction = 'outbound' ORDER BY id DESC LIMIT @lookBack",
            new { conversationId, lookBack }, cancellationToken: ct));
        return contents.Any(json => JsonSerializer.Deserialize<MessageContent>(json, ParleyJson.Options)?.Text == text);
    }

    /// <summary>How many inbound messages of one of <paramref name="types"/> arrived in the conversation after <paramref name="afterId"/>.</summary>
    public async Task<long> CountInboundAfterAsync(long conversationId, long afterId, IReadOnlyCollection<string> types, CancellationToken ct = default)
    {
        // One parameter per type, named here: list expansion differs between the two engines' drivers.
        var parameters = new DynamicParameters(new { conversationId, afterId });
        var names = types.Select((type, i) =>
        {
            parameters.Add($"t{i}", type);
            return $"@t{i}";
        }).ToList();
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM messages WHERE conversation_id = @conversationId AND direction = 'inbound' AND id > @afterId AND type IN ({string.Join(", ", names)})",
            parameters, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<StatusHistoryEntry>> StatusHistoryAsync(long messageId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<(string status, long at, string? error_code, string? error_reason)>(new CommandDefinition(
            "SELECT status, at, error_code, error_reason FROM message_statuses WHERE message_id = @messageId ORDER BY at, id",
            new { messageId }, cancellationToken: ct));
        return rows.Select(r => new StatusHistoryEntry(MessageStatusRules.FromWire(r.status), Clock.FromMs(r.at))
        {
            ErrorCode = r.error_code,
            ErrorReason = r.error_reason,
        }).ToList();
    }

    internal static async Task<IReadOnlyList<StoredMessage>> ThreadAsync(DbConnection c, DbTransaction? tx, long conversationId, long afterId, int limit, CancellationToken ct)
    {
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM messages WHERE conversation_id = @conversationId AND id > @afterId ORDER BY id LIMIT @limit",
            new { conversationId, afterId, limit }, tx, cancellationToken: ct));
        return rows.Select(ToMessage).ToList();
    }

    internal static StoredMessage ToMessage(Row r) =>
        new(r.id, r.direction, JsonSerializer.Deserialize<MessageContent>(r.content, ParleyJson.Options)!, Clock.FromMs(r.created_at))
        {
            AccountId = r.account_id,
            ConversationId = r.conversation_id,
            ContactId = r.contact_id,
            ProviderMessageId = r.provider_message_id,
            IdempotencyKey = r.idempotency_key,
            Status = MessageStatusRules.FromWire(r.status),
            StatusAt = Clock.FromMs(r.status_at),
            ErrorCode = r.error_code,
            ErrorReason = r.error_reason,
            InReplyTo = r.in_reply_to,
            Source = r.source,
            Attempts = (int)r.attempts,
            LastError = r.last_error,
            ProcessState = (int)r.process_state,
            NextAttemptAt = Clock.FromMs(r.next_attempt_at),
        };
}
