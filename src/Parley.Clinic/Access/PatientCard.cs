namespace Parley.Clinic.Access;

/// <summary>A patient as shown to a viewer: identifiers already masked when the viewer may not see them.</summary>
public sealed record PatientCard(long Id, string Name, string Phone, string DateOfBirth, string RecordNumber, bool Masked);
