using Dapper;
using Microsoft.Extensions.Logging;
using Parley.Core.Storage;

namespace Parley.Ai.Chat;

/// <summary>Writes <c>ai_usage</c> rows. Best effort: a failure to record never fails an answer.</summary>
public sealed class AiUsageLog(Database database, TimeProvider time, ILogger<AiUsageLog> logger)
{
    public sealed record Row(
        long id, string account_id, long? conversation_id, long? message_id, string? bot, string kind, string provider, string? model, string outcome,
        long? input_tokens, long? output_tokens, long? total_tokens, long latency_ms, long attempts, string? error, string? sources, long created_at);

    public async Task RecordAsync(AiUsage usage, CancellationToken ct)
    {
        try
        {
            await using var c = await database.OpenAsync(ct);
            await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO ai_usage (account_id, conversation_id, message_id, bot, kind, provider, model, outcome,
                    input_tokens, output_tokens, total_tokens, latency_ms, attempts, error, sources, created_at)
                VALUES (@AccountId, @ConversationId, @MessageId, @Bot, @Kind, @Provider, @Model, @Outcome,
                    @InputTokens, @OutputTokens, @TotalTokens, @LatencyMs, @Attempts, @Error, @Sources, @now)
                """,
                new
                {
                    usage.AccountId, usage.ConversationId, usage.MessageId, usage.Bot, usage.Kind, usage.Provider, usage.Model, usage.Outcome,
                    usage.InputTokens, usage.OutputTokens, usage.TotalTokens, usage.LatencyMs, Attempts = (long)usage.Attempts,
                    Error = Truncate(usage.Error, 1000), usage.Sources, now = time.NowMs(),
                },
                cancellationToken: ct));
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            logger.LogWarning(ex, "AI usage for message {MessageId} was not recorded", usage.MessageId);
        }
    }

    /// <summary>Recent rows, newest first (tests, the admin).</summary>
    public async Task<IReadOnlyList<Row>> RecentAsync(string? accountId, int limit, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT id, account_id, conversation_id, message_id, bot, kind, provider, model, outcome, input_tokens, output_tokens,
                   total_tokens, latency_ms, attempts, error, sources, created_at
            FROM ai_usage WHERE (@accountId IS NULL OR account_id = @accountId) ORDER BY id DESC LIMIT @limit
            """,
            new { accountId, limit }, cancellationToken: ct));
        return rows.ToList();
    }

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
