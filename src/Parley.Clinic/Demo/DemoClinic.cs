namespace Parley.Clinic.Demo;

/// <summary>The fictional demo clinic's people: numbers in the 555-01xx range that is reserved for fiction.</summary>
public static class DemoClinic
{
    public const string PatientPhone = "+15550100001";
    public const string SpanishPatientPhone = "+15550100002";
    public const string DoctorPhone = "+15550100101";
    public const string NursePhone = "+15550100103";
    public const string ReceptionPhone = "+15550100104";
    public const string AdminPhone = "+15550100105";
}
