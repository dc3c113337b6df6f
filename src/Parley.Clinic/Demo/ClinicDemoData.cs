using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Clinic.Appointments;
using Parley.Clinic.Patients;
using Parley.Core.Startup;

namespace Parley.Clinic.Demo;

/// <summary>
/// Loads the obviously fictional demo clinic on first start (no patients yet, <see cref="ClinicOptions.DemoData"/> on), so
/// a newcomer can sign in in the sandbox as a demo patient (<see cref="DemoClinic.PatientPhone"/>) or staff member.
/// Appointments are placed relative to the first start (tomorrow at 14:00 in the clinic's zone, ...).
/// </summary>
public sealed class ClinicDemoData(
    ClinicDirectory directory,
    ClinicalRecords clinical,
    AppointmentStore appointments,
    IOptions<ClinicOptions> options,
    TimeProvider time,
    ILogger<ClinicDemoData> logger) : IStartupTask
{
    public string Name => "clinic.demo";

    public StartupPhase Phase => StartupPhase.Content;

    public async Task RunAsync(CancellationToken ct)
    {
        if (!options.Value.DemoData || await directory.CountPatientsAsync(ct) > 0)
        {
            return;
        }

        await LoadAsync(ct);
        logger.LogInformation("Loaded the fictional demo clinic (see docs/clinic.md to sign in as a demo patient or staff member)");
    }

    public async Task LoadAsync(CancellationToken ct)
    {
        var smith = await Staff("Dr. Sam Smith", StaffRole.Doctor, "Cardiology", DemoClinic.DoctorPhone, ct);
        var ejemplo = await Staff("Dr. Lucía Ejemplo", StaffRole.Doctor, "Dermatology", "+15550100102", ct);
        await Staff("Nurse Nia Sample", StaffRole.Nurse, null, DemoClinic.NursePhone, ct);
        await Staff("Rita Reception (demo)", StaffRole.Reception, null, DemoClinic.ReceptionPhone, ct);
        await Staff("Ada Admin (demo)", StaffRole.Admin, null, DemoClinic.AdminPhone, ct);

        var pat = await directory.UpsertPatientAsync(new Patient(0, "DEMO-0001", "Pat Demo", "1980-04-12", DemoClinic.PatientPhone) { Language = "en" }, ct);
        var ana = await directory.UpsertPatientAsync(new Patient(0, "DEMO-0002", "Ana Prueba", "1992-09-30", DemoClinic.SpanishPatientPhone) { Language = "es" }, ct);
        var alex = await directory.UpsertPatientAsync(new Patient(0, "DEMO-0003", "Alex Sample", "1975-01-20", "+15550100003") { Language = "en" }, ct);

        await clinical.AddRecordAsync(new MedicalRecord(0, pat, "2025-11-03", "Hypertension (demo)", "Penicillin (demo)", "Fictional record: blood pressure follow-up."), ct);
        await clinical.AddRecordAsync(new MedicalRecord(0, ana, "2025-10-15", "Atopic dermatitis (demo)", "None known", "Registro ficticio."), ct);
        await clinical.AddMedicationAsync(new Medication(0, pat, "Lisinopril (demo)", "10 mg", [new TimeOnly(8, 0), new TimeOnly(20, 0)], "2025-11-03")
        {
            Prescriber = "Dr. Sam Smith",
            Alerts = true,
        }, ct);
        await clinical.AddMedicationAsync(new Medication(0, pat, "Amoxicillin (demo)", "500 mg", [], "2025-06-01")
        {
            EndDate = "2025-06-10",
            Prescriber = "Dr. Lucía Ejemplo",
            Active = false,
        }, ct);
        await clinical.AddMedicationAsync(new Medication(0, ana, "Crema hidratante (demo)", "2 aplicaciones", [new TimeOnly(9, 0)], "2025-10-15") { Prescriber = "Dr. Lucía Ejemplo" }, ct);
        await clinical.AddProcedureAsync(pat, "Electrocardiogram (ECG)", "2025-11-03", smith, "Fictional: normal sinus rhythm.", ct);
        await clinical.AddProcedureAsync(alex, "Skin biopsy", "2025-09-20", ejemplo, null, ct);

        var zone = options.Value.Zone();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        DateTimeOffset At(int days, int hour, int minute)
        {
            var local = today.AddDays(days).ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Unspecified);
            return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        }

        await appointments.AddAsync(pat, smith, "Cardiology", At(1, 14, 0), 30, "205", "Main Building", AppointmentState.Scheduled, ct);
        await appointments.AddAsync(pat, ejemplo, "Dermatology", At(8, 10, 30), 30, "12", "East Wing", AppointmentState.Scheduled, ct);
        await appointments.AddAsync(ana, smith, "Cardiology", At(1, 9, 0), 30, "205", "Main Building", AppointmentState.Scheduled, ct);
        await appointments.AddAsync(alex, ejemplo, "Dermatology", At(-7, 11, 0), 30, "12", "East Wing", AppointmentState.Completed, ct);
    }

    private Task<long> Staff(string name, StaffRole role, string? specialty, string phone, CancellationToken ct) =>
        directory.UpsertStaffAsync(new StaffMember(0, name, role, phone) { Specialty = specialty }, ct);
}
