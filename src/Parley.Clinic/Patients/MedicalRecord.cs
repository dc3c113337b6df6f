namespace Parley.Clinic.Patients;

/// <summary>A dated entry of a patient's medical record.</summary>
public sealed record MedicalRecord(long Id, long PatientId, string RecordedOn, string? Conditions, string? Allergies, string? Notes);
