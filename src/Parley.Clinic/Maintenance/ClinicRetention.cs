using Microsoft.Extensions.Options;
using Parley.Core.Maintenance;
using Parley.Core.Storage;

namespace Parley.Clinic.Maintenance;

/// <summary>
/// The clinic's share of retention (run by Core's retention job and the <c>cleanup</c> command): finished reminders and
/// alerts after <see cref="ClinicOptions.NotificationRetention"/> (scheduled and sending ones always stay), the usage
/// counts after <see cref="ClinicOptions.UsageRetention"/>, and the access audit after <see cref="ClinicOptions.AuditRetention"/>.
/// Sign-in sessions are Identity's (its own retention); conversations and messages are Core's.
/// </summary>
public sealed class ClinicRetention(RetentionBatches batches, IOptions<ClinicOptions> options, TimeProvider time) : IRetentionTask
{
    public string Name => "clinic";

    public async Task<long> RunAsync(CancellationToken ct)
    {
        var now = time.NowMs();
        var o = options.Value;
        long total = 0;
        total += await batches.DeleteAsync(
            """
            DELETE FROM clinic_notifications WHERE id IN (SELECT id FROM clinic_notifications
                WHERE state NOT IN ('scheduled', 'sending') AND due_at < @cutoff ORDER BY id LIMIT @batch)
            """, now - (long)o.NotificationRetention.TotalMilliseconds, ct);
        total += await batches.DeleteAsync(
            "DELETE FROM clinic_usage WHERE id IN (SELECT id FROM clinic_usage WHERE at < @cutoff ORDER BY id LIMIT @batch)",
            now - (long)o.UsageRetention.TotalMilliseconds, ct);
        total += await batches.DeleteAsync(
            "DELETE FROM clinic_access_audit WHERE id IN (SELECT id FROM clinic_access_audit WHERE at < @cutoff ORDER BY id LIMIT @batch)",
            now - (long)o.AuditRetention.TotalMilliseconds, ct);
        return total;
    }
}
