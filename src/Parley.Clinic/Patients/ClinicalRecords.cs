using System.Globalization;
using Dapper;
using Parley.Core.Storage;

namespace Parley.Clinic.Patients;

/// <summary>
/// A patient's clinical data: records, medications, procedures (tables <c>clinic_records</c>, <c>clinic_medications</c>,
/// <c>clinic_procedures</c>). Raw reads: callers go through <see cref="Access.GuardedClinic"/>.
/// </summary>
public sealed class ClinicalRecords(Database database)
{
    private sealed record MedicationRow(long id, long patient_id, string name, string dose, string schedule_times, string start_date,
        string? end_date, string? prescriber, long active, long alerts);

    private sealed record RecordRow(long id, long patient_id, string recorded_on, string? conditions, string? allergies, string? notes);

    private sealed record ProcedureRow(long id, long patient_id, string name, string performed_on, string? doctor_name, string? notes);

    public async Task<IReadOnlyList<MedicalRecord>> RecordsAsync(long patientId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<RecordRow>(new CommandDefinition(
            "SELECT id, patient_id, recorded_on, conditions, allergies, notes FROM clinic_records WHERE patient_id = @patientId ORDER BY recorded_on DESC, id DESC",
            new { patientId }, cancellationToken: ct));
        return rows.Select(r => new MedicalRecord(r.id, r.patient_id, r.recorded_on, r.conditions, r.allergies, r.notes)).ToList();
    }

    public async Task<IReadOnlyList<Medication>> MedicationsAsync(long patientId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<MedicationRow>(new CommandDefinition(
            """
            SELECT id, patient_id, name, dose, schedule_times, start_date, end_date, prescriber, active, alerts
            FROM clinic_medications WHERE patient_id = @patientId ORDER BY active DESC, start_date DESC, id
            """,
            new { patientId }, cancellationToken: ct));
        return rows.Select(ToMedication).ToList();
    }

    /// <summary>Active medications with alerts on, of every patient (for the reminder planner).</summary>
    public async Task<IReadOnlyList<Medication>> AlertingMedicationsAsync(CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<MedicationRow>(new CommandDefinition(
            """
            SELECT id, patient_id, name, dose, schedule_times, start_date, end_date, prescriber, active, alerts
            FROM clinic_medications WHERE active = 1 AND alerts = 1 AND schedule_times <> ''
            """, cancellationToken: ct));
        return rows.Select(ToMedication).ToList();
    }

    public async Task<Medication?> FindMedicationAsync(long id, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<MedicationRow>(new CommandDefinition(
            "SELECT id, patient_id, name, dose, schedule_times, start_date, end_date, prescriber, active, alerts FROM clinic_medications WHERE id = @id",
            new { id }, cancellationToken: ct));
        return row is null ? null : ToMedication(row);
    }

    public async Task<IReadOnlyList<Procedure>> ProceduresAsync(long patientId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<ProcedureRow>(new CommandDefinition(
            """
            SELECT p.id, p.patient_id, p.name, p.performed_on, s.name AS doctor_name, p.notes
            FROM clinic_procedures p LEFT JOIN clinic_staff s ON s.id = p.doctor_id
            WHERE p.patient_id = @patientId ORDER BY p.performed_on DESC, p.id DESC
            """,
            new { patientId }, cancellationToken: ct));
        return rows.Select(r => new Procedure(r.id, r.patient_id, r.name, r.performed_on, r.doctor_name, r.notes)).ToList();
    }

    public async Task<long> AddRecordAsync(MedicalRecord record, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO clinic_records (patient_id, recorded_on, conditions, allergies, notes) VALUES (@PatientId, @RecordedOn, @Conditions, @Allergies, @Notes) RETURNING id",
            record, cancellationToken: ct));
    }

    public async Task<long> AddMedicationAsync(Medication m, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO clinic_medications (patient_id, name, dose, schedule_times, start_date, end_date, prescriber, active, alerts)
            VALUES (@PatientId, @Name, @Dose, @times, @StartDate, @EndDate, @Prescriber, @active, @alerts) RETURNING id
            """,
            new
            {
                m.PatientId, m.Name, m.Dose, times = FormatTimes(m.ScheduleTimes), m.StartDate, m.EndDate, m.Prescriber,
                active = m.Active ? 1L : 0L, alerts = m.Alerts ? 1L : 0L,
            }, cancellationToken: ct));
    }

    public async Task<long> AddProcedureAsync(long patientId, string name, string performedOn, long? doctorId, string? notes, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO clinic_procedures (patient_id, name, performed_on, doctor_id, notes) VALUES (@patientId, @name, @performedOn, @doctorId, @notes) RETURNING id",
            new { patientId, name, performedOn, doctorId, notes }, cancellationToken: ct));
    }

    public static string FormatTimes(IEnumerable<TimeOnly> times) =>
        string.Join(",", times.Select(t => t.ToString("HH:mm", CultureInfo.InvariantCulture)));

    public static IReadOnlyList<TimeOnly> ParseTimes(string? text) =>
        (text ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => TimeOnly.ParseExact(t, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture))
            .ToList();

    private static Medication ToMedication(MedicationRow r) => new(r.id, r.patient_id, r.name, r.dose, ParseTimes(r.schedule_times), r.start_date)
    {
        EndDate = r.end_date,
        Prescriber = r.prescriber,
        Active = r.active != 0,
        Alerts = r.alerts != 0,
    };
}
