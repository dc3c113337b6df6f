using System.Text.Json;
using Dapper;
using Parley.Core.Contacts;
using Parley.Core.Messaging;
using Parley.Core.Storage;

namespace Parley.Core.Conversations;

/// <summary>Reads conversations and a contact's history for the API, the admin UI and the CLI.</summary>
public sealed class ConversationQueries(Database database, Microsoft.Extensions.Options.IOptions<Outbound.OutboundOptions> outbound, TimeProvider time)
{
    private const string Select =
        """
        SELECT v.id, v.account_id, v.state, v.last_inbound_at, v.last_message_at, v.created_at, v.unread, v.in_pending, v.out_pending,
               k.id AS contact_id, k.wa_id, k.phone, k.name, k.opted_out, k.opted_out_at, k.blocked, k.allowed, k.created_at AS contact_created_at, k.updated_at AS contact_updated_at,
               (SELECT m.content FROM messages m WHERE m.conversation_id = v.id ORDER BY m.id DESC LIMIT 1) AS last_content,
               (SELECT m.direction FROM messages m WHERE m.conversation_id = v.id ORDER BY m.id DESC LIMIT 1) AS last_direction,
               (SELECT m.source FROM messages m WHERE m.conversation_id = v.id ORDER BY m.id DESC LIMIT 1) AS last_source,
               (SELECT m.source FROM messages m WHERE m.conversation_id = v.id AND m.direction = 'outbound' ORDER BY m.id DESC LIMIT 1) AS last_outbound_source
        FROM conversations v JOIN contacts k ON k.id = v.contact_id
        """;

    /// <summary>The inbox's order: the contact's last message first; conversations they never wrote in last.</summary>
    private const string InboxKey = "COALESCE(v.last_inbound_at, 0)";

    private sealed record Row(
        long id, string account_id, string state, long? last_inbound_at, long last_message_at, long created_at, long unread, long in_pending, long out_pending,
        long contact_id, string wa_id, string? phone, string? name, long opted_out, long? opted_out_at, long blocked, long allowed, long contact_created_at, long contact_updated_at,
        string? last_content, string? last_direction, string? last_source, string? last_outbound_source);

    /// <summary>Conversations newest first (by id), for the API's keyset paging.</summary>
    public async Task<Page<ConversationSummary>> ListAsync(ConversationFilter filter, long? beforeId, int limit, CancellationToken ct = default)
    {
        var where = Where(filter);
        if (beforeId is not null)
        {
            where.Add("v.id < @beforeId");
        }

        var rows = await QueryAsync($"{Select} {Join(where)} ORDER BY v.id DESC LIMIT @take", filter, new { beforeId, take = limit + 1 }, ct);
        var now = time.NowMs();
        return Page<ConversationSummary>.From(rows.Select(r => ToSummary(r, now, Window)).ToList(), limit, s => s.Id);
    }

    /// <summary>
    /// The operator's inbox: the conversation whose contact wrote last comes first (what an operator answers next), those the
    /// contact never wrote in after them. <paramref name="after"/> is the previous page's <see cref="InboxPage.Next"/>.
    /// </summary>
    public async Task<InboxPage> InboxAsync(ConversationFilter filter, string? after, int limit, CancellationToken ct = default)
    {
        var where = Where(filter);
        long? atMs = null, id = null;
        if (InboxPage.TryParse(after, out var cursorAt, out var cursorId))
        {
            (atMs, id) = (cursorAt, cursorId);
            where.Add($"({InboxKey} < @atMs OR ({InboxKey} = @atMs AND v.id < @id))");
        }

        var rows = await QueryAsync($"{Select} {Join(where)} ORDER BY {InboxKey} DESC, v.id DESC LIMIT @take", filter, new { atMs, id, take = limit + 1 }, ct);
        var now = time.NowMs();
        var items = rows.Take(limit).Select(r => ToSummary(r, now, Window)).ToList();
        return new InboxPage(items, rows.Count > limit ? InboxPage.Cursor(rows[limit - 1].last_inbound_at ?? 0, rows[limit - 1].id) : null);
    }

    private static List<string> Where(ConversationFilter filter)
    {
        var where = new List<string>();
        if (filter.AccountId is not null)
        {
            where.Add("v.account_id = @AccountId");
        }

        if (filter.ContactId is not null)
        {
            where.Add("v.contact_id = @ContactId");
        }

        if (filter.ContactWaId is not null)
        {
            where.Add("k.wa_id = @ContactWaId");
        }

        if (filter.State is not null)
        {
            where.Add("v.state = @State");
        }

        if (filter.UnreadOnly)
        {
            where.Add("v.unread > 0");
        }

        var term = filter.Search?.Trim() ?? "";
        if (term.Length > 0)
        {
            // A search without digits must not match every number.
            where.Add(!term.Any(char.IsAsciiDigit)
                ? "LOWER(COALESCE(k.name, '')) LIKE @namePattern"
                : "(LOWER(COALESCE(k.name, '')) LIKE @namePattern OR k.wa_id LIKE @digitsPattern OR COALESCE(k.phone, '') LIKE @digitsPattern)");
        }

        return where;
    }

    private static string Join(List<string> where) => where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);

    private async Task<List<Row>> QueryAsync(string sql, ConversationFilter filter, object paging, CancellationToken ct)
    {
        var term = filter.Search?.Trim() ?? "";
        var parameters = new DynamicParameters(paging);
        parameters.AddDynamicParams(new
        {
            filter.AccountId, filter.ContactId, ContactWaId = filter.ContactWaId is null ? null : ContactKey.Canonical(filter.ContactWaId), filter.State,
            namePattern = "%" + term.ToLowerInvariant().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal) + "%",
            digitsPattern = "%" + new string(term.Where(char.IsAsciiDigit).ToArray()) + "%",
        });
        await using var c = await database.OpenAsync(ct);
        return (await c.QueryAsync<Row>(new CommandDefinition(sql, parameters, cancellationToken: ct))).ToList();
    }

    public async Task<ConversationSummary?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{Select} WHERE v.id = @id", new { id }, cancellationToken: ct));
        return row is null ? null : ToSummary(row, time.NowMs(), Window);
    }

    /// <summary>A conversation's messages, newest first, below <paramref name="beforeId"/>.</summary>
    public async Task<Page<StoredMessage>> MessagesAsync(long conversationId, long? beforeId, int limit, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = (await c.QueryAsync<MessageQueries.Row>(new CommandDefinition(
            $"SELECT {MessageQueries.Columns} FROM messages WHERE conversation_id = @conversationId AND id < @before ORDER BY id DESC LIMIT @take",
            new { conversationId, before = beforeId ?? long.MaxValue, take = limit + 1 }, cancellationToken: ct))).ToList();
        return Page<StoredMessage>.From(rows.Select(MessageQueries.ToMessage).ToList(), limit, m => m.Id);
    }

    /// <summary>A contact's most recent messages (newest first), across accounts unless one is named; the number in any form (<see cref="ContactKey"/>).</summary>
    public async Task<IReadOnlyList<StoredMessage>> HistoryAsync(string waId, string? accountId, int limit, CancellationToken ct = default)
    {
        waId = ContactKey.Canonical(waId);
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<MessageQueries.Row>(new CommandDefinition(
            $"""
            SELECT {MessageQueries.Columns} FROM messages
            WHERE contact_id IN (SELECT id FROM contacts WHERE wa_id = @waId {(accountId is null ? "" : "AND account_id = @accountId")})
            ORDER BY id DESC LIMIT @limit
            """,
            new { waId, accountId, limit }, cancellationToken: ct));
        return rows.Select(MessageQueries.ToMessage).ToList();
    }

    /// <summary>The conversation of the account with a contact, by the contact's wa_id; null when they never talked.</summary>
    public async Task<long?> FindIdAsync(string accountId, string waId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            SELECT v.id FROM conversations v JOIN contacts k ON k.id = v.contact_id
            WHERE v.account_id = @accountId AND k.account_id = @accountId AND k.wa_id = @waId
            """,
            new { accountId, waId = ContactKey.Canonical(waId) }, cancellationToken: ct));
    }

    /// <summary>The account's conversations with the most recent message first.</summary>
    public async Task<IReadOnlyList<ConversationSummary>> RecentAsync(string accountId, int limit, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"{Select} WHERE v.account_id = @accountId ORDER BY v.last_message_at DESC LIMIT @limit", new { accountId, limit }, cancellationToken: ct));
        var now = time.NowMs();
        return rows.Select(r => ToSummary(r, now, Window)).ToList();
    }

    /// <summary>
    /// When the contact last wrote to the account (the customer service window starts there); null if never. The number
    /// in any form: every provider's contacts are keyed alike (<see cref="ContactKey"/>).
    /// </summary>
    public async Task<DateTimeOffset?> LastInboundAsync(string accountId, string waId, CancellationToken ct = default)
    {
        waId = ContactKey.Canonical(waId);
        await using var c = await database.OpenAsync(ct);
        var at = await c.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            SELECT v.last_inbound_at FROM conversations v JOIN contacts k ON k.id = v.contact_id
            WHERE v.account_id = @accountId AND k.account_id = @accountId AND k.wa_id = @waId
            """,
            new { accountId, waId }, cancellationToken: ct));
        return at is { } ms ? Clock.FromMs(ms) : null;
    }

    /// <summary>The conversation's bot session as its bot stored it (JSON; the engine's holds <c>variables</c> and <c>lastIntent</c>), or null.</summary>
    public async Task<string?> SessionAsync(long conversationId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT session FROM conversations WHERE id = @conversationId", new { conversationId }, cancellationToken: ct));
    }

    /// <summary>WhatsApp's customer service window (<c>Parley:Outbound:CustomerServiceWindow</c>, 24 hours).</summary>
    private long Window => (long)outbound.Value.CustomerServiceWindow.TotalMilliseconds;

    private static ConversationSummary ToSummary(Row r, long now, long window) =>
        new(r.id, r.account_id, new ContactSummary(r.contact_id, r.account_id, r.wa_id)
        {
            Phone = r.phone,
            Name = r.name,
            OptedOut = r.opted_out != 0,
            OptedOutAt = r.opted_out_at is { } o ? Clock.FromMs(o) : null,
            Blocked = r.blocked != 0,
            Allowed = r.allowed != 0,
            CreatedAt = Clock.FromMs(r.contact_created_at),
            UpdatedAt = Clock.FromMs(r.contact_updated_at),
        }, r.state)
        {
            LastInboundAt = r.last_inbound_at is { } i ? Clock.FromMs(i) : null,
            LastMessageAt = Clock.FromMs(r.last_message_at),
            CreatedAt = Clock.FromMs(r.created_at),
            Unread = r.unread,
            WindowOpen = r.last_inbound_at is { } at && now - at <= window,
            LastMessagePreview = r.last_content is null ? null : Preview(r.last_content),
            LastMessageDirection = r.last_direction,
            LastMessageSource = r.last_source,
            LastOutboundSource = r.last_outbound_source,
            InboundPending = r.in_pending,
            OutboundPending = r.out_pending,
        };

    private static string? Preview(string content)
    {
        var summary = JsonSerializer.Deserialize<MessageContent>(content, ParleyJson.Options)?.Summary();
        return summary is { Length: > 120 } ? summary[..120] + "…" : summary;
    }
}
