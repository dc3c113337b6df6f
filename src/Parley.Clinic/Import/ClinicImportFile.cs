namespace Parley.Clinic.Import;

/// <summary>
/// A clinic's data as <c>clinic import FILE.yaml</c> reads it (camelCase keys): <c>staff</c>, <c>patients</c> (each
/// with its <c>records</c>, <c>medications</c>, <c>procedures</c>) and <c>appointments</c> (patient and doctor by phone).
/// </summary>
public sealed class ClinicImportFile
{
    public List<ImportStaff> Staff { get; set; } = [];
    public List<ImportPatient> Patients { get; set; } = [];
    public List<ImportAppointment> Appointments { get; set; } = [];
}
