using Dapper;
using Microsoft.Extensions.Logging;
using Parley.Core.Contacts;
using Parley.Core.Storage;

namespace Parley.Identity.Audit;

/// <summary>
/// The sign-in audit in <c>identity_audit</c>: who tried what and how it went, the number masked. Best effort: a failure
/// to record never fails a sign-in.
/// </summary>
public sealed class SignInAudit(Database database, TimeProvider time, ILogger<SignInAudit> logger)
{
    private sealed record Row(long id, long at, string channel, string @event, string phone_masked, string? client_ip, long? conversation_id, string? realm, string? detail);

    public async Task RecordAsync(string channel, string @event, string phone, string? clientIp = null, long? conversationId = null,
        string? realm = null, string? detail = null, CancellationToken ct = default)
    {
        try
        {
            await using var c = await database.OpenAsync(ct);
            await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO identity_audit (at, channel, event, phone_masked, client_ip, conversation_id, realm, detail)
                VALUES (@now, @channel, @event, @masked, @clientIp, @conversationId, @realm, @detail)
                """,
                new { now = time.NowMs(), channel, @event, masked = PhoneMask.Mask(phone), clientIp, conversationId, realm, detail },
                cancellationToken: ct));
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            logger.LogWarning(ex, "Sign-in audit event {Event} for {Phone} was not recorded", @event, PhoneMask.Mask(phone));
        }
    }

    /// <summary>The most recent events, newest first; only failures when <paramref name="failuresOnly"/>.</summary>
    public async Task<IReadOnlyList<SignInEvent>> RecentAsync(int limit, bool failuresOnly, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT id, at, channel, event, phone_masked, client_ip, conversation_id, realm, detail FROM identity_audit
            {(failuresOnly ? "WHERE event NOT IN ('code_sent', 'code_verified', 'signed_in', 'signed_out')" : "")}
            ORDER BY id DESC LIMIT @limit
            """,
            new { limit }, cancellationToken: ct));
        return rows.Select(r => new SignInEvent(r.id, Clock.FromMs(r.at), r.channel, r.@event, r.phone_masked)
        {
            ClientIp = r.client_ip,
            ConversationId = r.conversation_id,
            Realm = r.realm,
            Detail = r.detail,
        }).ToList();
    }
}
