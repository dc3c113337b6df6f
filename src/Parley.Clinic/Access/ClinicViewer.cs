using Parley.Clinic.Patients;

namespace Parley.Clinic.Access;

/// <summary>The person a read is for, as the <see cref="AccessPolicy"/> judges it.</summary>
/// <param name="Id">The patient's or staff member's id; null for operators and anonymous.</param>
/// <param name="Channel"><c>chat</c>, <c>admin</c>, <c>api</c> or <c>cli</c>: recorded in the audit.</param>
public sealed record ClinicViewer(ViewerKind Kind, long? Id, StaffRole? Role, string Channel)
{
    /// <summary>The conversation the request came from (chat only), for the audit.</summary>
    public long? ConversationId { get; init; }

    public static ClinicViewer Anonymous(long? conversationId) => new(ViewerKind.Anonymous, null, null, "chat") { ConversationId = conversationId };

    public static ClinicViewer ForPatient(long patientId, long? conversationId = null) =>
        new(ViewerKind.Patient, patientId, null, "chat") { ConversationId = conversationId };

    public static ClinicViewer ForStaff(StaffMember staff, long? conversationId = null) =>
        new(ViewerKind.Staff, staff.Id, staff.Role, "chat") { ConversationId = conversationId };

    /// <summary>A back-office operator (admin UI, API key with a clinic scope, CLI).</summary>
    public static ClinicViewer ForOperator(string channel) => new(ViewerKind.Operator, null, null, channel);

    public bool IsClinical => Kind == ViewerKind.Staff && Role is StaffRole.Doctor or StaffRole.Nurse;
}
