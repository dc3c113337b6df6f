using Dapper;
using Microsoft.Extensions.Options;
using Parley.Clinic.Maintenance;
using Parley.Core.Maintenance;
using Parley.Core.Storage;
using Parley.Testing;

namespace Parley.Clinic.Tests.Maintenance;

public sealed class ClinicRetentionTests
{
    private static readonly long Day = (long)TimeSpan.FromDays(1).TotalMilliseconds;

    [Theory, SqliteData, PostgresData]
    public async Task Finished_notifications_old_usage_and_old_audit_go_and_the_rest_stays(DatabaseKind kind)
    {
        await using var clinic = await ClinicHarness.StartAsync(kind);
        var database = clinic.Get<Database>();
        var now = clinic.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var patient = await clinic.PatientIdAsync();
        await using (var c = await database.OpenAsync())
        {
            foreach (var (key, state, dueDaysAgo) in new[] { ("old-sent", "sent", 100), ("old-scheduled", "scheduled", 100), ("recent-sent", "sent", 10), ("old-cancelled", "cancelled", 91) })
            {
                await c.ExecuteAsync(
                    "INSERT INTO clinic_notifications (kind, patient_id, dedupe_key, due_at, state, created_at) VALUES ('reminder', @patient, @key, @due, @state, @due)",
                    new { patient, key, due = now - (dueDaysAgo * Day), state });
            }

            foreach (var (name, daysAgo) in new[] { ("old-usage", 401), ("recent-usage", 1) })
            {
                await c.ExecuteAsync("INSERT INTO clinic_usage (at, kind, name) VALUES (@at, 'command', @name)", new { at = now - (daysAgo * Day), name });
            }

            foreach (var (what, daysAgo) in new[] { ("old-audit", (6 * 365) + 1), ("recent-audit", 365) })
            {
                await c.ExecuteAsync(
                    "INSERT INTO clinic_access_audit (at, actor_kind, patient_id, what, outcome) VALUES (@at, 'staff', @patient, @what, 'allowed')",
                    new { at = now - (daysAgo * Day), patient, what });
            }
        }

        var retention = new ClinicRetention(new RetentionBatches(database, Options.Create(new RetentionOptions())), Options.Create(new ClinicOptions()), clinic.Time);
        (await retention.RunAsync(default)).ShouldBe(4);

        await using var r = await database.OpenAsync();
        (await r.QueryAsync<string>("SELECT dedupe_key FROM clinic_notifications WHERE dedupe_key IN ('old-sent', 'old-scheduled', 'recent-sent', 'old-cancelled') ORDER BY dedupe_key"))
            .ShouldBe(["old-scheduled", "recent-sent"]);
        (await r.QueryAsync<string>("SELECT name FROM clinic_usage WHERE name IN ('old-usage', 'recent-usage')")).ShouldBe(["recent-usage"]);
        (await r.QueryAsync<string>("SELECT what FROM clinic_access_audit WHERE what IN ('old-audit', 'recent-audit')")).ShouldBe(["recent-audit"]);
    }
}
