using Dapper;

namespace Parley.Tests.Api;

/// <summary>Rows that no public path creates yet (templates arrive by sync or by the bot engine).</summary>
internal static class ApiSeed
{
    public static async Task<long> TemplateAsync(TestApp app, string name, string language, string? body, string accountId = "", string? category = "UTILITY",
        string status = "APPROVED", bool active = true)
    {
        var database = app.Get<Database>();
        await using var c = await database.OpenAsync();
        return await c.ExecuteScalarAsync<long>(
            """
            INSERT INTO templates (account_id, name, language, category, status, body, parameters, active, source, created_at, updated_at)
            VALUES (@accountId, @name, @language, @category, @status, @body, '[]', @active, 'test', 1, 1) RETURNING id
            """,
            new { accountId, name, language, category, status, body, active = active ? 1 : 0 });
    }

    /// <summary>Moves a conversation's last inbound message into the past (the 24-hour rule looks at it).</summary>
    public static async Task AgeLastInboundAsync(TestApp app, TimeSpan by)
    {
        var database = app.Get<Database>();
        await using var c = await database.OpenAsync();
        await c.ExecuteAsync("UPDATE conversations SET last_inbound_at = last_inbound_at - @ms", new { ms = (long)by.TotalMilliseconds });
    }
}
