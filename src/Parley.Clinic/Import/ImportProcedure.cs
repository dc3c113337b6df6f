namespace Parley.Clinic.Import;

public sealed class ImportProcedure
{
    public string Name { get; set; } = "";
    public string Date { get; set; } = "";

    /// <summary>The doctor's phone, when known.</summary>
    public string? Doctor { get; set; }

    public string? Notes { get; set; }
}
