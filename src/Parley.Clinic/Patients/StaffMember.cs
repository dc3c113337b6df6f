namespace Parley.Clinic.Patients;

/// <summary>A member of the clinic's staff.</summary>
public sealed record StaffMember(long Id, string Name, StaffRole Role, string Phone)
{
    public string? Specialty { get; init; }
    public bool Active { get; init; } = true;
}
