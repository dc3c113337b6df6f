using Dapper;
using Parley.Core.Storage;

namespace Parley.Identity.ChatSignIn;

/// <summary>The chat sign-in flow's state per conversation, in <c>identity_chat_flows</c>.</summary>
public sealed class ChatFlowStore(Database database, TimeProvider time)
{
    public const string AwaitingPhone = "phone";
    public const string AwaitingCode = "code";

    /// <summary>Told a code was sent to a number that may not sign in here (none was): any code typed fails.</summary>
    public const string AwaitingNoCode = "none";

    public sealed record Flow(long conversation_id, string realm, string step, string? phone, long lifetime_ms, long updated_at, long expires_at);

    /// <summary>The conversation's flow, unless it timed out.</summary>
    public async Task<Flow?> FindAsync(long conversationId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var flow = await c.QuerySingleOrDefaultAsync<Flow>(new CommandDefinition(
            "SELECT conversation_id, realm, step, phone, lifetime_ms, updated_at, expires_at FROM identity_chat_flows WHERE conversation_id = @conversationId",
            new { conversationId }, cancellationToken: ct));
        return flow is not null && flow.expires_at > time.NowMs() ? flow : null;
    }

    public async Task SaveAsync(long conversationId, string realm, string step, string? phone, TimeSpan lifetime, TimeSpan timeout, CancellationToken ct)
    {
        var now = time.NowMs();
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO identity_chat_flows (conversation_id, realm, step, phone, lifetime_ms, updated_at, expires_at)
            VALUES (@conversationId, @realm, @step, @phone, @lifetimeMs, @now, @expires)
            ON CONFLICT (conversation_id) DO UPDATE SET realm = excluded.realm, step = excluded.step, phone = excluded.phone,
                lifetime_ms = excluded.lifetime_ms, updated_at = excluded.updated_at, expires_at = excluded.expires_at
            """,
            new { conversationId, realm, step, phone, lifetimeMs = (long)lifetime.TotalMilliseconds, now, expires = now + (long)timeout.TotalMilliseconds },
            cancellationToken: ct));
    }

    public async Task EndAsync(long conversationId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM identity_chat_flows WHERE conversation_id = @conversationId", new { conversationId }, cancellationToken: ct));
    }
}
