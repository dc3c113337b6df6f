namespace Parley.Clinic.Import;

public sealed class ImportAppointment
{
    /// <summary>The patient's phone.</summary>
    public string Patient { get; set; } = "";

    /// <summary>The doctor's phone.</summary>
    public string Doctor { get; set; } = "";

    public string? Specialty { get; set; }

    /// <summary>ISO 8601 with an offset (<c>2026-01-12T10:00:00+01:00</c>), or local to the clinic's zone without one.</summary>
    public string Start { get; set; } = "";

    public int DurationMinutes { get; set; } = 30;
    public string? Room { get; set; }
    public string? Building { get; set; }
    public string State { get; set; } = "scheduled";
}
