using Microsoft.Extensions.Options;
using Parley.Core.Maintenance;
using Parley.Core.Storage;

namespace Parley.Identity.Maintenance;

/// <summary>
/// Deletes what Identity no longer needs: codes once they can neither be used nor count against the limit (a day after
/// they expired), web sessions a day after they ended or were revoked, chat sessions a day after they expired (the expiry
/// message has had its chance), timed-out chat flows, and audit lines older than <c>Parley:Identity:AuditRetention</c>.
/// </summary>
public sealed class IdentityRetention(RetentionBatches batches, IOptionsMonitor<IdentityOptions> options, TimeProvider time) : IRetentionTask
{
    private static readonly long Grace = (long)TimeSpan.FromDays(1).TotalMilliseconds;

    public string Name => "identity";

    public async Task<long> RunAsync(CancellationToken ct)
    {
        var now = time.NowMs();
        var o = options.CurrentValue;
        var codesCutoff = now - Math.Max(Grace, (long)o.CodeWindow.TotalMilliseconds);
        long total = 0;
        total += await batches.DeleteAsync(
            "DELETE FROM identity_codes WHERE id IN (SELECT id FROM identity_codes WHERE expires_at < @cutoff ORDER BY id LIMIT @batch)", codesCutoff, ct);
        total += await batches.DeleteAsync(
            """
            DELETE FROM identity_web_sessions WHERE id IN (SELECT id FROM identity_web_sessions
                WHERE expires_at < @cutoff OR revoked_at < @cutoff ORDER BY id LIMIT @batch)
            """, now - Grace, ct);
        total += await batches.DeleteAsync(
            """
            DELETE FROM identity_chat_sessions WHERE conversation_id IN (SELECT conversation_id FROM identity_chat_sessions
                WHERE expires_at < @cutoff ORDER BY conversation_id LIMIT @batch)
            """, now - Grace, ct);
        total += await batches.DeleteAsync(
            """
            DELETE FROM identity_chat_flows WHERE conversation_id IN (SELECT conversation_id FROM identity_chat_flows
                WHERE expires_at < @cutoff ORDER BY conversation_id LIMIT @batch)
            """, now, ct);
        total += await batches.DeleteAsync(
            "DELETE FROM identity_audit WHERE id IN (SELECT id FROM identity_audit WHERE at < @cutoff ORDER BY id LIMIT @batch)",
            now - (long)o.AuditRetention.TotalMilliseconds, ct);
        return total;
    }
}
