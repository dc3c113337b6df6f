using System.Globalization;
using Parley.Clinic.Patients;
using Parley.Identity;

namespace Parley.Clinic.SignIn;

/// <summary>
/// Who may sign in to the clinic: an active staff member (subject <c>staff:{id}</c>, role their staff role) or a patient
/// (<c>patient:{id}</c>, role <c>patient</c>). A number that is both signs in as staff.
/// </summary>
public sealed class ClinicIdentityResolver(ClinicDirectory directory) : IIdentityResolver
{
    public const string ClinicRealm = "clinic";
    public const string PatientRole = "patient";

    public string Realm => ClinicRealm;

    public async Task<IdentitySubject?> ResolveAsync(string phone, CancellationToken ct)
    {
        if (await directory.FindStaffByPhoneAsync(phone, ct) is { Active: true } staff)
        {
            return new IdentitySubject(ClinicRealm, "staff:" + staff.Id.ToString(CultureInfo.InvariantCulture), staff.Name, ClinicDirectory.RoleName(staff.Role));
        }

        return await directory.FindPatientByPhoneAsync(phone, ct) is { } patient
            ? new IdentitySubject(ClinicRealm, "patient:" + patient.Id.ToString(CultureInfo.InvariantCulture), patient.Name, PatientRole)
            : null;
    }
}
