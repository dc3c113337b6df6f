using System.Globalization;
using Parley.Clinic.Access;
using Parley.Clinic.Patients;
using Parley.Identity;

namespace Parley.Clinic.SignIn;

/// <summary>
/// The viewer a conversation is signed in as, read again at every message from the clinic's own tables (a staff member
/// deactivated or whose role changed sees the change at once; a removed patient is signed out in effect).
/// </summary>
public sealed class ClinicSignedIn(IChatSessions sessions, ClinicDirectory directory)
{
    public async Task<(ClinicViewer Viewer, string Name, ChatSession Session)?> CurrentAsync(long conversationId, CancellationToken ct)
    {
        var session = await sessions.CurrentAsync(conversationId, ct);
        if (session is null || session.Subject.Realm != ClinicIdentityResolver.ClinicRealm)
        {
            return null;
        }

        var parts = session.Subject.SubjectId.Split(':');
        if (parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        switch (parts[0])
        {
            case "staff" when await directory.FindStaffAsync(id, ct) is { Active: true } staff && staff.Phone == session.Phone:
                return (ClinicViewer.ForStaff(staff, conversationId), staff.Name, session);
            case "patient" when await directory.FindPatientAsync(id, ct) is { } patient && patient.Phone == session.Phone:
                return (ClinicViewer.ForPatient(patient.Id, conversationId), patient.Name, session);
            default:
                return null;
        }
    }
}
