using System.Data.Common;
using System.Text.Json;
using Dapper;
using Parley.Bots.Engine.Answers;
using Parley.Core.Messaging;
using Parley.Core.Storage;

namespace Parley.Bots.Engine.Definitions;

/// <summary>Reads and writes bots' declared intents (<c>bot_intents</c>); an account's own intent replaces the shared one of the same name.</summary>
public sealed class IntentStore(Database database, DefinitionCache cache, TimeProvider time)
{
    private const string Columns = "bot, account_id, name, priority, threshold, examples, answer, active, source";

    private sealed record Row(string bot, string account_id, string name, long priority, double? threshold, string examples, string? answer, long active, string source);

    /// <summary>The active intents of <paramref name="bot"/> for <paramref name="accountId"/>, matcher built, cached.</summary>
    public ValueTask<BotIntents> ForAsync(string bot, string accountId, CancellationToken ct = default) =>
        cache.GetAsync($"intents:{bot}:{accountId}", async token =>
        {
            var rows = await ListAsync(bot, accountId, activeOnly: true, token);
            var chosen = rows.GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
                .Select(g => g.OrderBy(r => r.AccountId == accountId ? 0 : 1).First())
                .ToList();
            return chosen.Count == 0 ? BotIntents.Empty : new BotIntents(chosen);
        }, ct);

    public async Task<IReadOnlyList<IntentRecord>> ListAsync(string? bot = null, string? accountId = null, bool activeOnly = false, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM bot_intents
            WHERE (@bot IS NULL OR bot = @bot) AND (@accountId IS NULL OR account_id IN (@accountId, '')) AND (@activeOnly = 0 OR active = 1)
            ORDER BY bot, priority DESC, name, account_id
            """,
            new { bot, accountId, activeOnly = activeOnly ? 1 : 0 }, cancellationToken: ct));
        return rows.Select(ToRecord).ToList();
    }

    /// <summary>Creates or updates an intent; with <paramref name="onlyOverSource"/>, only rows from that source are changed.</summary>
    /// <returns>False when an existing row was left alone.</returns>
    public async Task<bool> UpsertAsync(DbConnection c, DbTransaction tx, IntentRecord intent, string source, string? onlyOverSource, CancellationToken ct)
    {
        var now = time.NowMs();
        var changed = await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO bot_intents (bot, account_id, name, priority, threshold, examples, answer, active, source, created_at, updated_at)
            VALUES (@Bot, @AccountId, @Name, @Priority, @Threshold, @examples, @answer, @active, @source, @now, @now)
            ON CONFLICT (bot, account_id, name) DO UPDATE SET
                priority = excluded.priority, threshold = excluded.threshold, examples = excluded.examples, answer = excluded.answer,
                active = excluded.active, source = excluded.source, updated_at = excluded.updated_at
            WHERE @onlyOverSource IS NULL OR bot_intents.source = @onlyOverSource
            """,
            new
            {
                intent.Bot, intent.AccountId, intent.Name, intent.Priority, intent.Threshold,
                examples = JsonSerializer.Serialize(intent.Examples, ParleyJson.Options),
                answer = intent.Answer is null ? null : JsonSerializer.Serialize(intent.Answer, ParleyJson.Options),
                active = intent.Active ? 1 : 0, source, now, onlyOverSource,
            },
            tx, cancellationToken: ct));
        return changed > 0;
    }

    private static IntentRecord ToRecord(Row r) => new(r.bot, r.name)
    {
        AccountId = r.account_id,
        Priority = (int)r.priority,
        Threshold = r.threshold,
        Examples = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(r.examples, ParleyJson.Options)?
            .ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value) ?? [],
        Answer = r.answer is null ? null : JsonSerializer.Deserialize<IntentAnswer>(r.answer, ParleyJson.Options),
        Active = r.active != 0,
        Source = r.source,
    };
}
