using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Parley.Core.Contacts;
using Parley.Core.Storage;

namespace Parley.Bots.Engine.Interactions;

/// <summary>
/// Writes the interaction log. A message processed twice (a retry) keeps one row, the latest. A failure
/// to write is logged and swallowed: the contact's answer matters more than its record.
/// </summary>
public sealed class InteractionLog(Database database, ILogger<InteractionLog> logger)
{
    /// <summary>Longest text and response kept in a record.</summary>
    public const int MaxTextLength = 4000;

    public async Task WriteAsync(InteractionRecord r, CancellationToken ct)
    {
        try
        {
            await using var c = await database.OpenAsync(ct);
            await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO bot_interactions (account_id, bot, conversation_id, contact_id, contact, message_id, text, language, route, intent, confidence,
                                              template, data_source, response, processing_ms, success, error, context, created_at)
                VALUES (@AccountId, @Bot, @ConversationId, @ContactId, @Contact, @MessageId, @text, @Language, @Route, @Intent, @Confidence,
                        @Template, @DataSource, @response, @ProcessingMs, @success, @Error, @Context, @createdAt)
                ON CONFLICT (message_id) DO UPDATE SET
                    bot = excluded.bot, text = excluded.text, language = excluded.language, route = excluded.route, intent = excluded.intent,
                    confidence = excluded.confidence, template = excluded.template, data_source = excluded.data_source, response = excluded.response,
                    processing_ms = excluded.processing_ms, success = excluded.success, error = excluded.error, context = excluded.context,
                    created_at = excluded.created_at
                """,
                new
                {
                    r.AccountId, r.Bot, r.ConversationId, r.ContactId, r.Contact, r.MessageId, text = Cap(r.Text), r.Language, r.Route, r.Intent, r.Confidence,
                    r.Template, r.DataSource, response = Cap(r.Response), r.ProcessingMs, success = r.Success ? 1 : 0, r.Error, r.Context,
                    createdAt = r.CreatedAt.ToUnixTimeMilliseconds(),
                },
                cancellationToken: ct));
        }
        catch (DbException ex)
        {
            logger.LogWarning(ex, "The interaction of message {MessageId} from {Contact} was not logged", r.MessageId, PhoneMask.Mask(r.Contact));
        }
    }

    private static string? Cap(string? text) => text is null || text.Length <= MaxTextLength ? text : text[..MaxTextLength];
}
