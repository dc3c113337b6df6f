using System.Globalization;
using Dapper;
using Parley.Core.Storage;

namespace Parley.Clinic.Patients;

/// <summary>
/// The clinic's patients and staff (tables <c>clinic_patients</c>, <c>clinic_staff</c>). Raw reads: what a person may
/// see is decided by <see cref="Access.GuardedClinic"/>, which every chat, API and admin read goes through.
/// </summary>
public sealed class ClinicDirectory(Database database, TimeProvider time)
{
    private const string PatientColumns = "id, record_number, name, date_of_birth, phone, time_zone, language";
    private const string StaffColumns = "id, name, role, specialty, phone, active";

    private sealed record PatientRow(long id, string record_number, string name, string date_of_birth, string phone, string? time_zone, string? language);

    private sealed record StaffRow(long id, string name, string role, string? specialty, string phone, long active);

    public async Task<Patient?> FindPatientAsync(long id, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<PatientRow>(new CommandDefinition(
            $"SELECT {PatientColumns} FROM clinic_patients WHERE id = @id", new { id }, cancellationToken: ct));
        return row is null ? null : ToPatient(row);
    }

    public async Task<Patient?> FindPatientByPhoneAsync(string phone, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<PatientRow>(new CommandDefinition(
            $"SELECT {PatientColumns} FROM clinic_patients WHERE phone = @phone", new { phone }, cancellationToken: ct));
        return row is null ? null : ToPatient(row);
    }

    /// <summary>Patients whose name contains <paramref name="term"/> (any case) or whose phone contains its digits.</summary>
    public async Task<IReadOnlyList<Patient>> SearchPatientsAsync(string term, int limit, CancellationToken ct)
    {
        var digits = new string(term.Where(char.IsAsciiDigit).ToArray());
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<PatientRow>(new CommandDefinition(
            $"""
            SELECT {PatientColumns} FROM clinic_patients
            WHERE LOWER(name) LIKE @name OR (@digits <> '' AND phone LIKE @phone)
            ORDER BY name, id LIMIT @limit
            """,
            new { name = "%" + term.Trim().ToLowerInvariant() + "%", digits, phone = "%" + digits + "%", limit }, cancellationToken: ct));
        return rows.Select(ToPatient).ToList();
    }

    public async Task<IReadOnlyList<Patient>> ListPatientsAsync(int limit, int offset, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<PatientRow>(new CommandDefinition(
            $"SELECT {PatientColumns} FROM clinic_patients ORDER BY name, id LIMIT @limit OFFSET @offset", new { limit, offset }, cancellationToken: ct));
        return rows.Select(ToPatient).ToList();
    }

    public async Task<long> CountPatientsAsync(CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM clinic_patients", cancellationToken: ct));
    }

    /// <summary>Adds a patient or, when the record number exists, updates them; returns the id.</summary>
    public async Task<long> UpsertPatientAsync(Patient patient, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO clinic_patients (record_number, name, date_of_birth, phone, time_zone, language, created_at)
            VALUES (@RecordNumber, @Name, @DateOfBirth, @Phone, @TimeZone, @Language, @now)
            ON CONFLICT (record_number) DO UPDATE SET name = excluded.name, date_of_birth = excluded.date_of_birth,
                phone = excluded.phone, time_zone = excluded.time_zone, language = excluded.language
            RETURNING id
            """,
            new { patient.RecordNumber, patient.Name, patient.DateOfBirth, patient.Phone, patient.TimeZone, patient.Language, now = time.NowMs() },
            cancellationToken: ct));
    }

    public async Task<StaffMember?> FindStaffAsync(long id, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<StaffRow>(new CommandDefinition(
            $"SELECT {StaffColumns} FROM clinic_staff WHERE id = @id", new { id }, cancellationToken: ct));
        return row is null ? null : ToStaff(row);
    }

    public async Task<StaffMember?> FindStaffByPhoneAsync(string phone, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<StaffRow>(new CommandDefinition(
            $"SELECT {StaffColumns} FROM clinic_staff WHERE phone = @phone", new { phone }, cancellationToken: ct));
        return row is null ? null : ToStaff(row);
    }

    public async Task<IReadOnlyList<StaffMember>> ListStaffAsync(CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<StaffRow>(new CommandDefinition(
            $"SELECT {StaffColumns} FROM clinic_staff ORDER BY name, id", cancellationToken: ct));
        return rows.Select(ToStaff).ToList();
    }

    /// <summary>Adds a staff member or, when the phone exists, updates them; returns the id.</summary>
    public async Task<long> UpsertStaffAsync(StaffMember staff, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO clinic_staff (name, role, specialty, phone, active, created_at)
            VALUES (@Name, @role, @Specialty, @Phone, @active, @now)
            ON CONFLICT (phone) DO UPDATE SET name = excluded.name, role = excluded.role, specialty = excluded.specialty, active = excluded.active
            RETURNING id
            """,
            new { staff.Name, role = RoleName(staff.Role), staff.Specialty, staff.Phone, active = staff.Active ? 1L : 0L, now = time.NowMs() },
            cancellationToken: ct));
    }

    public static string RoleName(StaffRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParseRole(string? text, out StaffRole role) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out role) && Enum.IsDefined(role);

    private static Patient ToPatient(PatientRow r) => new(r.id, r.record_number, r.name, r.date_of_birth, r.phone)
    {
        TimeZone = r.time_zone,
        Language = r.language,
    };

    private static StaffMember ToStaff(StaffRow r) => new(r.id, r.name,
        TryParseRole(r.role, out var role) ? role : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Staff {r.id} has an unknown role.")),
        r.phone)
    {
        Specialty = r.specialty,
        Active = r.active != 0,
    };
}
