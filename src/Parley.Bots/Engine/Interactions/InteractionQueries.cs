using Dapper;
using Parley.Core.Storage;

namespace Parley.Bots.Engine.Interactions;

/// <summary>Reads the interaction log for the admin and the API: filtered, newest first, paged by id.</summary>
public sealed class InteractionQueries(Database database)
{
    private sealed record Row(long id, string account_id, string bot, long conversation_id, long contact_id, string contact, long message_id,
        string? text, string? language, string route, string? intent, double? confidence, string? template, string? data_source,
        string? response, long processing_ms, long success, string? error, string? context, long created_at);

    public async Task<InteractionPage> ListAsync(InteractionQuery query, CancellationToken ct = default)
    {
        var limit = Math.Clamp(query.Limit, 1, 500);
        await using var c = await database.OpenAsync(ct);
        var rows = (await c.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT id, account_id, bot, conversation_id, contact_id, contact, message_id, text, language, route, intent, confidence, template,
                   data_source, response, processing_ms, success, error, context, created_at
            FROM bot_interactions
            WHERE (@AccountId IS NULL OR account_id = @AccountId)
              AND (@Bot IS NULL OR bot = @Bot)
              AND (@Intent IS NULL OR intent = @Intent)
              AND (@Template IS NULL OR template = @Template)
              AND (@Route IS NULL OR route = @Route)
              AND (@Contact IS NULL OR contact = @Contact)
              AND (@success IS NULL OR success = @success)
              AND (@from IS NULL OR created_at >= @from)
              AND (@to IS NULL OR created_at < @to)
              AND (@before IS NULL OR id < @before)
            ORDER BY id DESC
            LIMIT @take
            """,
            new
            {
                query.AccountId, query.Bot, query.Intent, query.Template, query.Route, query.Contact,
                success = query.Success is { } s ? (long?)(s ? 1 : 0) : null,
                from = query.From?.ToUnixTimeMilliseconds(),
                to = query.To?.ToUnixTimeMilliseconds(),
                before = query.Before,
                take = limit + 1,
            },
            cancellationToken: ct))).ToList();
        var more = rows.Count > limit;
        var items = rows.Take(limit).Select(ToRecord).ToList();
        return new InteractionPage(items, more ? items[^1].Id : null);
    }

    public async Task<InteractionRecord?> FindByMessageAsync(long messageId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            """
            SELECT id, account_id, bot, conversation_id, contact_id, contact, message_id, text, language, route, intent, confidence, template,
                   data_source, response, processing_ms, success, error, context, created_at
            FROM bot_interactions WHERE message_id = @messageId
            """,
            new { messageId }, cancellationToken: ct));
        return row is null ? null : ToRecord(row);
    }

    private static InteractionRecord ToRecord(Row r) => new()
    {
        Id = r.id,
        AccountId = r.account_id,
        Bot = r.bot,
        ConversationId = r.conversation_id,
        ContactId = r.contact_id,
        Contact = r.contact,
        MessageId = r.message_id,
        Text = r.text,
        Language = r.language,
        Route = r.route,
        Intent = r.intent,
        Confidence = r.confidence,
        Template = r.template,
        DataSource = r.data_source,
        Response = r.response,
        ProcessingMs = r.processing_ms,
        Success = r.success != 0,
        Error = r.error,
        Context = r.context,
        CreatedAt = Clock.FromMs(r.created_at),
    };
}
