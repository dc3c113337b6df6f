using Parley.Clinic.Appointments;
using Parley.Clinic.Patients;

namespace Parley.Clinic.Access;

/// <summary>
/// Every read of a patient's data goes through here: the <see cref="AccessPolicy"/> decides, the
/// <see cref="AccessAudit"/> records staff and operator reads and every refusal, and identifiers are masked for
/// viewers who may not see them. The chat commands, the API and the admin pages use this class, not the stores.
/// </summary>
public sealed class GuardedClinic(ClinicDirectory directory, ClinicalRecords clinical, AppointmentStore appointments, AccessAudit audit, TimeProvider time)
{
    public const int SearchLimit = 10;

    public Task<Guarded<IReadOnlyList<Appointment>>> AppointmentsAsync(ClinicViewer viewer, long patientId, CancellationToken ct) =>
        ReadAsync(viewer, ClinicData.Appointments, patientId, () => appointments.ForPatientAsync(patientId, time.GetUtcNow().AddHours(-1), false, ct), ct);

    public Task<Guarded<IReadOnlyList<MedicalRecord>>> RecordsAsync(ClinicViewer viewer, long patientId, CancellationToken ct) =>
        ReadAsync(viewer, ClinicData.Records, patientId, () => clinical.RecordsAsync(patientId, ct), ct);

    public Task<Guarded<IReadOnlyList<Medication>>> MedicationsAsync(ClinicViewer viewer, long patientId, CancellationToken ct) =>
        ReadAsync(viewer, ClinicData.Medications, patientId, () => clinical.MedicationsAsync(patientId, ct), ct);

    public Task<Guarded<IReadOnlyList<Procedure>>> ProceduresAsync(ClinicViewer viewer, long patientId, CancellationToken ct) =>
        ReadAsync(viewer, ClinicData.Procedures, patientId, () => clinical.ProceduresAsync(patientId, ct), ct);

    /// <summary>At most <see cref="SearchLimit"/> patients by name or phone, always masked; each one shown is audited.</summary>
    public async Task<Guarded<IReadOnlyList<PatientCard>>> SearchAsync(ClinicViewer viewer, string term, CancellationToken ct)
    {
        var decision = AccessPolicy.Decide(viewer, ClinicData.Search, null);
        if (!decision.Allowed)
        {
            await audit.RecordAsync(viewer, ClinicData.Search, [], false, ct);
            return Guarded<IReadOnlyList<PatientCard>>.Refused;
        }

        var found = string.IsNullOrWhiteSpace(term) ? [] : await directory.SearchPatientsAsync(term, SearchLimit, ct);
        if (found.Count > 0)
        {
            await audit.RecordAsync(viewer, ClinicData.Search, found.Select(p => (long?)p.Id).ToList(), true, ct);
        }

        return Guarded<IReadOnlyList<PatientCard>>.Of(found.Select(p => Card(p, masked: true, maskPhone: true)).ToList());
    }

    /// <summary>
    /// A patient's details by phone: full for clinical roles (and operators), date of birth and record number masked for
    /// reception and admins; refused for patients asking about someone else. Null value: no such patient.
    /// </summary>
    public async Task<Guarded<PatientCard?>> PatientInfoAsync(ClinicViewer viewer, string phone, CancellationToken ct)
    {
        var patient = await directory.FindPatientByPhoneAsync(phone, ct);
        var decision = AccessPolicy.Decide(viewer, ClinicData.FullDetails, patient?.Id);
        if (AccessPolicy.Audited(viewer, decision) && (patient is not null || !decision.Allowed))
        {
            await audit.RecordAsync(viewer, ClinicData.FullDetails, [patient?.Id], decision.Allowed, ct);
        }

        if (!decision.Allowed)
        {
            return Guarded<PatientCard?>.Refused;
        }

        return Guarded<PatientCard?>.Of(patient is null ? null : Card(patient, decision.Masked, maskPhone: false));
    }

    /// <summary>Patients with their contact details (operators only: admin, API, CLI); each one shown is audited.</summary>
    public async Task<Guarded<IReadOnlyList<PatientCard>>> ListPatientsAsync(ClinicViewer viewer, int limit, int offset, CancellationToken ct)
    {
        if (viewer.Kind != ViewerKind.Operator)
        {
            await audit.RecordAsync(viewer, ClinicData.Contact, [], false, ct);
            return Guarded<IReadOnlyList<PatientCard>>.Refused;
        }

        var patients = await directory.ListPatientsAsync(limit, offset, ct);
        if (patients.Count > 0)
        {
            await audit.RecordAsync(viewer, ClinicData.Contact, patients.Select(p => (long?)p.Id).ToList(), true, ct);
        }

        return Guarded<IReadOnlyList<PatientCard>>.Of(patients.Select(p => Card(p, masked: false, maskPhone: false)).ToList());
    }

    /// <summary>The appointments in [from, to), optionally of one doctor (operators and staff who may see appointments); each patient shown is audited.</summary>
    public async Task<Guarded<IReadOnlyList<Appointment>>> DayAsync(ClinicViewer viewer, DateTimeOffset from, DateTimeOffset to, long? doctorId, CancellationToken ct)
    {
        var decision = AccessPolicy.Decide(viewer, ClinicData.Appointments, null);
        if (viewer.Kind == ViewerKind.Patient || !decision.Allowed)
        {
            await audit.RecordAsync(viewer, ClinicData.Appointments, [], false, ct);
            return Guarded<IReadOnlyList<Appointment>>.Refused;
        }

        var list = await appointments.BetweenAsync(from, to, doctorId, ct);
        if (list.Count > 0)
        {
            await audit.RecordAsync(viewer, ClinicData.Appointments, list.Select(a => (long?)a.PatientId).Distinct().ToList(), true, ct);
        }

        return Guarded<IReadOnlyList<Appointment>>.Of(list);
    }

    /// <summary>Whether the viewer may book for a patient (audited when refused).</summary>
    public async Task<bool> MayScheduleAsync(ClinicViewer viewer, long? patientId, CancellationToken ct)
    {
        var decision = AccessPolicy.Decide(viewer, ClinicData.Schedule, patientId);
        if (!decision.Allowed)
        {
            await audit.RecordAsync(viewer, ClinicData.Schedule, [patientId], false, ct);
        }

        return decision.Allowed;
    }

    /// <summary>Records an attempt refused before any data was touched (a staff command by a patient, a command after the session ended).</summary>
    public Task RefuseAsync(ClinicViewer viewer, ClinicData what, long? patientId, CancellationToken ct) =>
        audit.RecordAsync(viewer, what, [patientId], false, ct);

    /// <summary>A patient as shown: date of birth and record number masked when <paramref name="masked"/>, the phone too when <paramref name="maskPhone"/>.</summary>
    public static PatientCard Card(Patient p, bool masked, bool maskPhone) => new(
        p.Id,
        p.Name,
        maskPhone ? PatientMask.Phone(p.Phone) : p.Phone,
        masked ? PatientMask.DateOfBirth(p.DateOfBirth) : p.DateOfBirth,
        masked ? PatientMask.RecordNumber(p.RecordNumber) : p.RecordNumber,
        masked);

    private async Task<Guarded<T>> ReadAsync<T>(ClinicViewer viewer, ClinicData what, long patientId, Func<Task<T>> read, CancellationToken ct)
    {
        var decision = AccessPolicy.Decide(viewer, what, patientId);
        if (AccessPolicy.Audited(viewer, decision))
        {
            await audit.RecordAsync(viewer, what, [patientId], decision.Allowed, ct);
        }

        return decision.Allowed ? Guarded<T>.Of(await read()) : Guarded<T>.Refused;
    }
}
