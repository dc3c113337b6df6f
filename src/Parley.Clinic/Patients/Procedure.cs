namespace Parley.Clinic.Patients;

/// <summary>A procedure performed on a patient.</summary>
public sealed record Procedure(long Id, long PatientId, string Name, string PerformedOn, string? DoctorName, string? Notes);
