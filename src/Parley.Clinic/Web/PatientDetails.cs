using Parley.Clinic.Access;
using Parley.Clinic.Appointments;
using Parley.Clinic.Patients;

namespace Parley.Clinic.Web;

/// <summary>GET /api/v1/clinic/patients/{phone}: a patient with their data.</summary>
public sealed record PatientDetails(
    PatientCard Patient,
    IReadOnlyList<Appointment> Appointments,
    IReadOnlyList<MedicalRecord> Records,
    IReadOnlyList<Medication> Medications,
    IReadOnlyList<Procedure> Procedures);
