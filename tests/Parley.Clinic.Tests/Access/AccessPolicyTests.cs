using Parley.Clinic.Access;
using Parley.Clinic.Patients;

namespace Parley.Clinic.Tests.Access;

/// <summary>The access policy, rule by rule: minimum necessary for each role.</summary>
public sealed class AccessPolicyTests
{
    private static ClinicViewer Staff(StaffRole role) => ClinicViewer.ForStaff(new StaffMember(7, "x", role, "+15550000000"));

    [Theory]
    [InlineData(StaffRole.Doctor, ClinicData.Records, true)]
    [InlineData(StaffRole.Doctor, ClinicData.Medications, true)]
    [InlineData(StaffRole.Doctor, ClinicData.Procedures, true)]
    [InlineData(StaffRole.Nurse, ClinicData.Records, true)]
    [InlineData(StaffRole.Nurse, ClinicData.Medications, true)]
    [InlineData(StaffRole.Reception, ClinicData.Records, false)]
    [InlineData(StaffRole.Reception, ClinicData.Medications, false)]
    [InlineData(StaffRole.Reception, ClinicData.Procedures, false)]
    [InlineData(StaffRole.Reception, ClinicData.Appointments, true)]
    [InlineData(StaffRole.Reception, ClinicData.Contact, true)]
    [InlineData(StaffRole.Reception, ClinicData.Schedule, true)]
    [InlineData(StaffRole.Admin, ClinicData.Records, false)]
    [InlineData(StaffRole.Admin, ClinicData.Medications, false)]
    [InlineData(StaffRole.Admin, ClinicData.Appointments, true)]
    public void Staff_SeeByRole(StaffRole role, ClinicData data, bool allowed) =>
        AccessPolicy.Decide(Staff(role), data, 1).Allowed.ShouldBe(allowed);

    [Theory]
    [InlineData(StaffRole.Doctor, false)]
    [InlineData(StaffRole.Nurse, false)]
    [InlineData(StaffRole.Reception, true)]
    [InlineData(StaffRole.Admin, true)]
    public void FullDetails_UnmaskedOnlyForClinicalRoles(StaffRole role, bool masked)
    {
        var decision = AccessPolicy.Decide(Staff(role), ClinicData.FullDetails, 1);
        decision.Allowed.ShouldBeTrue();
        decision.Masked.ShouldBe(masked);
    }

    [Theory]
    [InlineData(StaffRole.Doctor)]
    [InlineData(StaffRole.Nurse)]
    [InlineData(StaffRole.Reception)]
    [InlineData(StaffRole.Admin)]
    public void Search_IsAlwaysMasked(StaffRole role) =>
        AccessPolicy.Decide(Staff(role), ClinicData.Search, null).ShouldBe(AccessDecision.MaskedOnly);

    [Theory]
    [InlineData(ClinicData.Records)]
    [InlineData(ClinicData.Medications)]
    [InlineData(ClinicData.Appointments)]
    [InlineData(ClinicData.Procedures)]
    public void APatient_SeesOwnDataOnly(ClinicData data)
    {
        var patient = ClinicViewer.ForPatient(5);
        AccessPolicy.Decide(patient, data, 5).Allowed.ShouldBeTrue();
        AccessPolicy.Decide(patient, data, 6).Allowed.ShouldBeFalse();
        AccessPolicy.Decide(patient, data, null).Allowed.ShouldBeFalse();
    }

    [Theory]
    [InlineData(ClinicData.Search)]
    [InlineData(ClinicData.Schedule)]
    public void APatient_MayNotSearchOrSchedule(ClinicData data) =>
        AccessPolicy.Decide(ClinicViewer.ForPatient(5), data, 5).Allowed.ShouldBeFalse();

    [Theory]
    [InlineData(ClinicData.Records)]
    [InlineData(ClinicData.Appointments)]
    [InlineData(ClinicData.Contact)]
    [InlineData(ClinicData.Search)]
    public void NobodySignedIn_SeesNothing(ClinicData data) =>
        AccessPolicy.Decide(ClinicViewer.Anonymous(1), data, 1).Allowed.ShouldBeFalse();

    [Fact]
    public void PatientsOwnReads_AreNotAudited_StaffReadsAndRefusalsAre()
    {
        AccessPolicy.Audited(ClinicViewer.ForPatient(5), AccessDecision.Full).ShouldBeFalse();
        AccessPolicy.Audited(ClinicViewer.ForPatient(5), AccessDecision.Refused).ShouldBeTrue();
        AccessPolicy.Audited(Staff(StaffRole.Nurse), AccessDecision.Full).ShouldBeTrue();
        AccessPolicy.Audited(ClinicViewer.ForOperator("api"), AccessDecision.Full).ShouldBeTrue();
    }
}
