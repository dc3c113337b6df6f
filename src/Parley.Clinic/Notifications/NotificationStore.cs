using Dapper;
using Parley.Core.Storage;

namespace Parley.Clinic.Notifications;

/// <summary>
/// The notifications table (<c>clinic_notifications</c>). Planning is idempotent (one row per dedupe key); sending is
/// claimed row by row, so with several instances each notification is taken by exactly one (PostgreSQL's
/// <c>FOR UPDATE SKIP LOCKED</c>; SQLite has a single writer), and a claim left by a crashed instance runs out.
/// </summary>
public sealed class NotificationStore(Database database, TimeProvider time)
{
    private const string Columns = "id, kind, patient_id, appointment_id, medication_id, dedupe_key, due_at, state, attempts, generation, sent_at, message_id, error";

    private sealed record Row(long id, string kind, long patient_id, long? appointment_id, long? medication_id, string dedupe_key, long due_at, string state,
        long attempts, long generation, long? sent_at, long? message_id, string? error);

    /// <summary>Plans a notification once per <paramref name="dedupeKey"/>; true when it was new.</summary>
    public async Task<bool> PlanAsync(string kind, long patientId, long? appointmentId, long? medicationId, string dedupeKey, DateTimeOffset dueAt, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO clinic_notifications (kind, patient_id, appointment_id, medication_id, dedupe_key, due_at, state, created_at)
            VALUES (@kind, @patientId, @appointmentId, @medicationId, @dedupeKey, @due, 'scheduled', @now)
            ON CONFLICT (dedupe_key) DO NOTHING
            """,
            new { kind, patientId, appointmentId, medicationId, dedupeKey, due = dueAt.ToUnixTimeMilliseconds(), now = time.NowMs() }, cancellationToken: ct)) == 1;
    }

    /// <summary>Takes up to <paramref name="limit"/> due notifications (or ones whose claim ran out) for <paramref name="owner"/> until <paramref name="until"/>.</summary>
    public async Task<IReadOnlyList<ClinicNotification>> ClaimDueAsync(string owner, DateTimeOffset until, int limit, CancellationToken ct)
    {
        var now = time.NowMs();
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"""
            UPDATE clinic_notifications SET state = 'sending', claimed_by = @owner, claimed_until = @until, attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM clinic_notifications
                WHERE (state = 'scheduled' AND due_at <= @now) OR (state = 'sending' AND claimed_until < @now)
                ORDER BY due_at, id LIMIT @limit{database.ForUpdateSkipLocked})
            RETURNING {Columns}
            """,
            new { owner, until = until.ToUnixTimeMilliseconds(), now, limit }, cancellationToken: ct));
        return rows.Select(ToNotification).OrderBy(n => n.DueAt).ToList();
    }

    /// <summary>Marks a claimed notification sent; false when the claim was lost meanwhile.</summary>
    public Task<bool> MarkSentAsync(long id, string owner, long messageId, CancellationToken ct) =>
        FinishAsync(id, owner, NotificationState.Sent, messageId, null, ct);

    public Task<bool> MarkFailedAsync(long id, string owner, string error, CancellationToken ct) =>
        FinishAsync(id, owner, NotificationState.Failed, null, error, ct);

    /// <summary>A claimed notification that no longer applies (appointment cancelled, medication stopped).</summary>
    public Task<bool> MarkCancelledAsync(long id, string owner, string reason, CancellationToken ct) =>
        FinishAsync(id, owner, NotificationState.Cancelled, null, reason, ct);

    /// <summary>Cancels a scheduled (not yet sent) notification.</summary>
    public async Task<bool> CancelAsync(long id, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            "UPDATE clinic_notifications SET state = 'cancelled', error = 'cancelled by an operator' WHERE id = @id AND state = 'scheduled'",
            new { id }, cancellationToken: ct)) == 1;
    }

    /// <summary>Cancels the scheduled reminders of an appointment (it was cancelled or moved).</summary>
    public async Task<int> CancelForAppointmentAsync(long appointmentId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            "UPDATE clinic_notifications SET state = 'cancelled', error = 'appointment cancelled' WHERE appointment_id = @appointmentId AND state = 'scheduled'",
            new { appointmentId }, cancellationToken: ct));
    }

    /// <summary>Sends a sent, failed or cancelled notification again, now (a new generation, so a new outbound message).</summary>
    public async Task<bool> ResendAsync(long id, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE clinic_notifications SET state = 'scheduled', due_at = @now, generation = generation + 1, claimed_by = NULL, claimed_until = NULL, error = NULL
            WHERE id = @id AND state IN ('sent', 'failed', 'cancelled')
            """,
            new { id, now = time.NowMs() }, cancellationToken: ct)) == 1;
    }

    public async Task<ClinicNotification?> FindAsync(long id, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM clinic_notifications WHERE id = @id", new { id }, cancellationToken: ct));
        return row is null ? null : ToNotification(row);
    }

    /// <summary>Newest due first, optionally of one state.</summary>
    public async Task<IReadOnlyList<ClinicNotification>> ListAsync(string? state, int limit, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM clinic_notifications WHERE (@state IS NULL OR state = @state) ORDER BY due_at DESC, id DESC LIMIT @limit",
            new { state, limit }, cancellationToken: ct));
        return rows.Select(ToNotification).ToList();
    }

    public async Task<IReadOnlyDictionary<(string Kind, string State), long>> CountAsync(DateTimeOffset from, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<(string kind, string state, long n)>(new CommandDefinition(
            "SELECT kind, state, COUNT(*) AS n FROM clinic_notifications WHERE due_at >= @from GROUP BY kind, state",
            new { from = from.ToUnixTimeMilliseconds() }, cancellationToken: ct));
        return rows.ToDictionary(r => (r.kind, r.state), r => r.n);
    }

    private async Task<bool> FinishAsync(long id, string owner, string state, long? messageId, string? error, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE clinic_notifications SET state = @state, message_id = COALESCE(@messageId, message_id), error = @error,
                sent_at = CASE WHEN @state = 'sent' THEN @now ELSE sent_at END, claimed_until = NULL
            WHERE id = @id AND claimed_by = @owner AND state = 'sending'
            """,
            new { id, owner, state, messageId, error, now = time.NowMs() }, cancellationToken: ct)) == 1;
    }

    private static ClinicNotification ToNotification(Row r) => new(r.id, r.kind, r.patient_id, Clock.FromMs(r.due_at), r.state)
    {
        AppointmentId = r.appointment_id,
        MedicationId = r.medication_id,
        DedupeKey = r.dedupe_key,
        Attempts = (int)r.attempts,
        Generation = (int)r.generation,
        SentAt = r.sent_at is { } s ? Clock.FromMs(s) : null,
        MessageId = r.message_id,
        Error = r.error,
    };
}
