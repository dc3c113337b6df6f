using Dapper;
using Parley.Core.Storage;

namespace Parley.Core.Conversations;

/// <summary>The canned responses agents share (table <c>canned_responses</c>).</summary>
public sealed class CannedResponses(Database database, TimeProvider time)
{
    public const int MaxTextLength = 4096;

    private sealed record Row(long id, string account_id, string title, string text, string? created_by, long updated_at);

    /// <summary>Those of the account and the shared ones, by title; all of them when <paramref name="accountId"/> is null.</summary>
    public async Task<IReadOnlyList<CannedResponse>> ListAsync(string? accountId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"SELECT id, account_id, title, text, created_by, updated_at FROM canned_responses {(accountId is null ? "" : "WHERE account_id = @accountId OR account_id = ''")} ORDER BY title, id",
            new { accountId }, cancellationToken: ct));
        return rows.Select(r => new CannedResponse(r.id, r.account_id, r.title, r.text) { CreatedBy = r.created_by, UpdatedAt = Clock.FromMs(r.updated_at) }).ToList();
    }

    /// <summary>Creates (<paramref name="id"/> null) or updates a canned response; returns its id, or null when the title is taken for that account.</summary>
    public async Task<long?> SaveAsync(long? id, string? accountId, string title, string text, string? by, CancellationToken ct = default)
    {
        title = title?.Trim() ?? "";
        text = text?.Trim() ?? "";
        if (title.Length is 0 or > 100)
        {
            throw new ArgumentException("The title needs 1 to 100 characters.", nameof(title));
        }

        if (text.Length is 0 or > MaxTextLength)
        {
            throw new ArgumentException($"The text needs 1 to {MaxTextLength:N0} characters.", nameof(text));
        }

        var now = time.NowMs();
        var account = accountId?.Trim() ?? "";
        await using var c = await database.OpenAsync(ct);
        try
        {
            if (id is null)
            {
                return await c.ExecuteScalarAsync<long?>(new CommandDefinition(
                    """
                    INSERT INTO canned_responses (account_id, title, text, created_by, created_at, updated_at)
                    VALUES (@account, @title, @text, @by, @now, @now)
                    ON CONFLICT (account_id, title) DO NOTHING
                    RETURNING id
                    """,
                    new { account, title, text, by, now }, cancellationToken: ct));
            }

            var updated = await c.ExecuteAsync(new CommandDefinition(
                "UPDATE canned_responses SET account_id = @account, title = @title, text = @text, updated_at = @now WHERE id = @id",
                new { id, account, title, text, now }, cancellationToken: ct));
            return updated > 0 ? id : null;
        }
        catch (System.Data.Common.DbException ex) when (IsUniqueViolation(ex))
        {
            return null;
        }
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition("DELETE FROM canned_responses WHERE id = @id", new { id }, cancellationToken: ct)) > 0;
    }

    private static bool IsUniqueViolation(System.Data.Common.DbException ex) =>
        ex is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } or Npgsql.PostgresException { SqlState: "23505" };
}
