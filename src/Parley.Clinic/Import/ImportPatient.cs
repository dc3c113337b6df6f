namespace Parley.Clinic.Import;

public sealed class ImportPatient
{
    public string RecordNumber { get; set; } = "";
    public string Name { get; set; } = "";
    public string DateOfBirth { get; set; } = "";
    public string Phone { get; set; } = "";
    public string? TimeZone { get; set; }
    public string? Language { get; set; }
    public List<ImportRecord> Records { get; set; } = [];
    public List<ImportMedication> Medications { get; set; } = [];
    public List<ImportProcedure> Procedures { get; set; } = [];
}
