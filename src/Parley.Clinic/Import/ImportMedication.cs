namespace Parley.Clinic.Import;

public sealed class ImportMedication
{
    public string Name { get; set; } = "";
    public string Dose { get; set; } = "";

    /// <summary>Local dose times, "08:00,20:00".</summary>
    public string? Times { get; set; }

    public string Start { get; set; } = "";
    public string? End { get; set; }
    public string? Prescriber { get; set; }
    public bool Active { get; set; } = true;
    public bool Alerts { get; set; }
}
