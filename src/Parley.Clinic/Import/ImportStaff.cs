namespace Parley.Clinic.Import;

public sealed class ImportStaff
{
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    public string? Specialty { get; set; }
    public string Phone { get; set; } = "";
    public bool Active { get; set; } = true;
}
