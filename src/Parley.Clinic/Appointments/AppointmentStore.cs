using Dapper;
using Parley.Core.Storage;

namespace Parley.Clinic.Appointments;

/// <summary>Appointments (table <c>clinic_appointments</c>). Raw reads: callers go through <see cref="Access.GuardedClinic"/>.</summary>
public sealed class AppointmentStore(Database database, TimeProvider time)
{
    private const string Select =
        """
        SELECT a.id, a.patient_id, a.doctor_id, s.name AS doctor_name, a.specialty, a.starts_at, a.duration_minutes, a.room, a.building, a.state
        FROM clinic_appointments a JOIN clinic_staff s ON s.id = a.doctor_id
        """;

    private sealed record Row(long id, long patient_id, long doctor_id, string doctor_name, string? specialty, long starts_at, long duration_minutes,
        string? room, string? building, string state);

    public async Task<Appointment?> FindAsync(long id, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{Select} WHERE a.id = @id", new { id }, cancellationToken: ct));
        return row is null ? null : ToAppointment(row);
    }

    /// <summary>A patient's appointments from <paramref name="from"/> on, soonest first (cancelled ones included only when asked).</summary>
    public async Task<IReadOnlyList<Appointment>> ForPatientAsync(long patientId, DateTimeOffset from, bool includeCancelled, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"{Select} WHERE a.patient_id = @patientId AND a.starts_at >= @from AND (@all = 1 OR a.state IN ('scheduled', 'confirmed')) ORDER BY a.starts_at, a.id",
            new { patientId, from = from.ToUnixTimeMilliseconds(), all = includeCancelled ? 1L : 0L }, cancellationToken: ct));
        return rows.Select(ToAppointment).ToList();
    }

    /// <summary>Appointments starting in [from, to), optionally of one doctor, in time order.</summary>
    public async Task<IReadOnlyList<Appointment>> BetweenAsync(DateTimeOffset from, DateTimeOffset to, long? doctorId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"{Select} WHERE a.starts_at >= @from AND a.starts_at < @to AND (@doctorId IS NULL OR a.doctor_id = @doctorId) ORDER BY a.doctor_id, a.starts_at, a.id",
            new { from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds(), doctorId }, cancellationToken: ct));
        return rows.Select(ToAppointment).ToList();
    }

    /// <summary>Appointments that hold a doctor or room and overlap [start, end): the candidates for a conflict.</summary>
    public async Task<IReadOnlyList<Appointment>> OverlappingAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        // No appointment lasts more than a day, so only those starting in the day before can reach into the slot.
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"{Select} WHERE a.starts_at < @end AND a.starts_at > @earliest AND a.state IN ('scheduled', 'confirmed') ORDER BY a.starts_at",
            new { end = end.ToUnixTimeMilliseconds(), earliest = start.AddDays(-1).ToUnixTimeMilliseconds() }, cancellationToken: ct));
        return rows.Select(ToAppointment).Where(a => a.EndsAt > start).ToList();
    }

    public async Task<long> AddAsync(long patientId, long doctorId, string? specialty, DateTimeOffset startsAt, int durationMinutes,
        string? room, string? building, string state, CancellationToken ct)
    {
        var now = time.NowMs();
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO clinic_appointments (patient_id, doctor_id, specialty, starts_at, duration_minutes, room, building, state, created_at, updated_at)
            VALUES (@patientId, @doctorId, @specialty, @startsAt, @durationMinutes, @room, @building, @state, @now, @now) RETURNING id
            """,
            new { patientId, doctorId, specialty, startsAt = startsAt.ToUnixTimeMilliseconds(), durationMinutes = (long)durationMinutes, room, building, state, now },
            cancellationToken: ct));
    }

    /// <summary>Moves an appointment to <paramref name="state"/> when it is in one of <paramref name="from"/>; false otherwise.</summary>
    public async Task<bool> SetStateAsync(long id, string state, IReadOnlyList<string> from, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            $"UPDATE clinic_appointments SET state = @state, updated_at = @now WHERE id = @id AND state IN ({string.Join(", ", from.Select((_, i) => "@s" + i))})",
            Parameters(id, state, from), cancellationToken: ct)) == 1;
    }

    public async Task<IReadOnlyDictionary<string, long>> CountByStateAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<(string state, long n)>(new CommandDefinition(
            "SELECT state, COUNT(*) AS n FROM clinic_appointments WHERE starts_at >= @from AND starts_at < @to GROUP BY state",
            new { from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() }, cancellationToken: ct));
        return rows.ToDictionary(r => r.state, r => r.n);
    }

    private DynamicParameters Parameters(long id, string state, IReadOnlyList<string> from)
    {
        var p = new DynamicParameters(new { id, state, now = time.NowMs() });
        for (var i = 0; i < from.Count; i++)
        {
            p.Add("s" + i, from[i]);
        }

        return p;
    }

    private static Appointment ToAppointment(Row r) =>
        new(r.id, r.patient_id, r.doctor_id, r.doctor_name, Clock.FromMs(r.starts_at), (int)r.duration_minutes, r.state)
        {
            Specialty = r.specialty,
            Room = r.room,
            Building = r.building,
        };
}
