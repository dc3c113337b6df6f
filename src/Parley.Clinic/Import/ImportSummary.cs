namespace Parley.Clinic.Import;

/// <summary>What an import did; <see cref="Errors"/> name the line or entry and the field.</summary>
public sealed record ImportSummary(int Staff, int Patients, int Records, int Medications, int Procedures, int Appointments, IReadOnlyList<string> Errors);
