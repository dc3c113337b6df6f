using Dapper;
using Parley.Core.Storage;

namespace Parley.Identity.ChatSessions;

/// <summary>Chat sessions in <c>identity_chat_sessions</c>, one per conversation.</summary>
public sealed class ChatSessionStore(Database database, TimeProvider time) : IChatSessions
{
    private sealed record Row(long conversation_id, string phone, string realm, string subject_id, string display_name, string? role,
        long started_at, long expires_at, long? expiry_told_at);

    private const string Columns = "conversation_id, phone, realm, subject_id, display_name, role, started_at, expires_at, expiry_told_at";

    public async Task<ChatSession?> CurrentAsync(long conversationId, CancellationToken ct)
    {
        var row = await RowAsync(conversationId, ct);
        return row is not null && row.expires_at > time.NowMs() ? ToSession(row) : null;
    }

    public async Task<ChatSession> SignInAsync(long conversationId, string phone, IdentitySubject subject, TimeSpan lifetime, CancellationToken ct)
    {
        var now = time.NowMs();
        var expires = now + (long)lifetime.TotalMilliseconds;
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO identity_chat_sessions (conversation_id, phone, realm, subject_id, display_name, role, started_at, expires_at)
            VALUES (@conversationId, @phone, @Realm, @SubjectId, @DisplayName, @Role, @now, @expires)
            ON CONFLICT (conversation_id) DO UPDATE SET phone = excluded.phone, realm = excluded.realm, subject_id = excluded.subject_id,
                display_name = excluded.display_name, role = excluded.role, started_at = excluded.started_at,
                expires_at = excluded.expires_at, expiry_told_at = NULL
            """,
            new { conversationId, phone, subject.Realm, subject.SubjectId, subject.DisplayName, subject.Role, now, expires }, cancellationToken: ct));
        return new ChatSession(conversationId, subject, phone, Clock.FromMs(now), Clock.FromMs(expires));
    }

    public async Task SignOutAsync(long conversationId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM identity_chat_sessions WHERE conversation_id = @conversationId", new { conversationId }, cancellationToken: ct));
    }

    /// <summary>
    /// When the conversation's session has expired and it was not told yet: marks it told and returns it (once, even when
    /// two messages race), so the flow can say "your session has expired".
    /// </summary>
    public async Task<ChatSession?> TakeExpiredAsync(long conversationId, CancellationToken ct)
    {
        var now = time.NowMs();
        var row = await RowAsync(conversationId, ct);
        if (row is null || row.expires_at > now || row.expiry_told_at is not null)
        {
            return null;
        }

        await using var c = await database.OpenAsync(ct);
        var claimed = await c.ExecuteAsync(new CommandDefinition(
            "UPDATE identity_chat_sessions SET expiry_told_at = @now WHERE conversation_id = @conversationId AND expiry_told_at IS NULL AND expires_at <= @now",
            new { now, conversationId }, cancellationToken: ct));
        return claimed == 1 ? ToSession(row) : null;
    }

    /// <summary>The live chat sessions, newest first (the admin's Sessions page).</summary>
    public async Task<IReadOnlyList<ChatSession>> ActiveAsync(int limit, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM identity_chat_sessions WHERE expires_at > @now ORDER BY started_at DESC LIMIT @limit",
            new { now = time.NowMs(), limit }, cancellationToken: ct));
        return rows.Select(ToSession).ToList();
    }

    private async Task<Row?> RowAsync(long conversationId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM identity_chat_sessions WHERE conversation_id = @conversationId", new { conversationId }, cancellationToken: ct));
    }

    private static ChatSession ToSession(Row r) =>
        new(r.conversation_id, new IdentitySubject(r.realm, r.subject_id, r.display_name, r.role), r.phone, Clock.FromMs(r.started_at), Clock.FromMs(r.expires_at));
}
