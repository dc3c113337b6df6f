using Dapper;
using Parley.Clinic.Patients;
using Parley.Core.Storage;

namespace Parley.Clinic.Access;

/// <summary>The access audit (table <c>clinic_access_audit</c>): written for every staff or operator read and every refusal.</summary>
public sealed class AccessAudit(Database database, TimeProvider time)
{
    private sealed record Row(long id, long at, string actor_kind, long? actor_id, string? actor_role, long? patient_id, string what, string outcome,
        long? conversation_id, string channel, string? actor_name);

    public async Task RecordAsync(ClinicViewer viewer, ClinicData what, IReadOnlyCollection<long?> patients, bool allowed, CancellationToken ct)
    {
        var now = time.NowMs();
        await using var c = await database.OpenAsync(ct);
        foreach (var patientId in patients.Count == 0 ? [null] : patients)
        {
            await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO clinic_access_audit (at, actor_kind, actor_id, actor_role, patient_id, what, outcome, conversation_id, channel)
                VALUES (@now, @kind, @Id, @role, @patientId, @what, @outcome, @ConversationId, @Channel)
                """,
                new
                {
                    now, kind = viewer.Kind.ToString().ToLowerInvariant(), viewer.Id,
                    role = viewer.Role is { } r ? ClinicDirectory.RoleName(r) : null, patientId,
                    what = What(what), outcome = allowed ? AuditEntry.Allowed : AuditEntry.Refused, viewer.ConversationId, viewer.Channel,
                }, cancellationToken: ct));
        }
    }

    /// <summary>Newest first; filtered by patient and time range when given.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(long? patientId, DateTimeOffset? from, DateTimeOffset? to, int limit, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT a.id, a.at, a.actor_kind, a.actor_id, a.actor_role, a.patient_id, a.what, a.outcome, a.conversation_id, a.channel,
                   s.name AS actor_name
            FROM clinic_access_audit a LEFT JOIN clinic_staff s ON a.actor_kind = 'staff' AND s.id = a.actor_id
            WHERE (@patientId IS NULL OR a.patient_id = @patientId) AND a.at >= @from AND a.at < @to
            ORDER BY a.at DESC, a.id DESC LIMIT @limit
            """,
            new { patientId, from = from?.ToUnixTimeMilliseconds() ?? 0L, to = to?.ToUnixTimeMilliseconds() ?? long.MaxValue, limit }, cancellationToken: ct));
        return rows.Select(r => new AuditEntry(r.id, Clock.FromMs(r.at), r.actor_kind, r.actor_id, r.actor_role, r.patient_id, r.what, r.outcome, r.channel)
        {
            ConversationId = r.conversation_id,
            ActorName = r.actor_name,
        }).ToList();
    }

    public static string What(ClinicData what) => what switch
    {
        ClinicData.FullDetails => "full_details",
        ClinicData.StaffCommand => "staff_command",
        ClinicData.SignedInCommand => "signed_in_command",
        _ => what.ToString().ToLowerInvariant(),
    };
}
