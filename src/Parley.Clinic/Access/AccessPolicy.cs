using Parley.Clinic.Patients;

namespace Parley.Clinic.Access;

/// <summary>
/// Who may see what, in one place (docs/clinic.md explains each rule). Minimum necessary:
/// <list type="bullet">
/// <item>a patient sees their own appointments, records, medications and procedures, and nobody else's;</item>
/// <item>doctors and nurses see clinical data and full patient details;</item>
/// <item>reception and clinic admins see appointments and contact details (and may book), never records or medications,
/// and see date of birth and record number masked;</item>
/// <item>search results are always masked (phone to its last 4 digits, date of birth, record number);</item>
/// <item>back-office operators (admin UI, API keys with a clinic scope, CLI) see everything, and are audited;</item>
/// <item>nobody signed in sees nothing.</item>
/// </list>
/// </summary>
public static class AccessPolicy
{
    public static AccessDecision Decide(ClinicViewer viewer, ClinicData data, long? patientId) => viewer.Kind switch
    {
        ViewerKind.Patient => ForPatient(viewer, data, patientId),
        ViewerKind.Staff => ForStaff(viewer.Role, data),
        ViewerKind.Operator => data == ClinicData.Search ? AccessDecision.MaskedOnly : AccessDecision.Full,
        _ => AccessDecision.Refused,
    };

    /// <summary>Whether a read by this viewer goes in the access audit (staff and operators always; patients' own reads do not).</summary>
    public static bool Audited(ClinicViewer viewer, AccessDecision decision) => !decision.Allowed || viewer.Kind is ViewerKind.Staff or ViewerKind.Operator;

    private static AccessDecision ForPatient(ClinicViewer viewer, ClinicData data, long? patientId) =>
        data is ClinicData.Appointments or ClinicData.Records or ClinicData.Medications or ClinicData.Procedures or ClinicData.Contact or ClinicData.FullDetails
        && patientId is not null && patientId == viewer.Id
            ? AccessDecision.Full
            : AccessDecision.Refused;

    private static AccessDecision ForStaff(StaffRole? role, ClinicData data) => (role, data) switch
    {
        (null, _) => AccessDecision.Refused,
        (_, ClinicData.Search) => AccessDecision.MaskedOnly,
        (StaffRole.Doctor or StaffRole.Nurse, ClinicData.Appointments or ClinicData.Records or ClinicData.Medications or ClinicData.Procedures
            or ClinicData.Contact or ClinicData.FullDetails or ClinicData.Schedule) => AccessDecision.Full,
        (StaffRole.Reception or StaffRole.Admin, ClinicData.Appointments or ClinicData.Contact or ClinicData.Schedule) => AccessDecision.Full,
        // Reception and admins may open a patient's details, but see date of birth and record number masked.
        (StaffRole.Reception or StaffRole.Admin, ClinicData.FullDetails) => AccessDecision.MaskedOnly,
        _ => AccessDecision.Refused,
    };
}
