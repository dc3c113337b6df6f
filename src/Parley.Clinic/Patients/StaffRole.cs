namespace Parley.Clinic.Patients;

/// <summary>What a staff member does, which decides what they may see (see <see cref="Access.AccessPolicy"/>).</summary>
public enum StaffRole
{
    Doctor,
    Nurse,
    Reception,
    Admin,
}
