namespace Parley.Clinic.Import;

public sealed class ImportRecord
{
    public string Date { get; set; } = "";
    public string? Conditions { get; set; }
    public string? Allergies { get; set; }
    public string? Notes { get; set; }
}
