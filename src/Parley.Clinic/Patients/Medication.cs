namespace Parley.Clinic.Patients;

/// <summary>A prescribed medication. <see cref="ScheduleTimes"/> are local times of day ("08:00") in the patient's zone.</summary>
public sealed record Medication(long Id, long PatientId, string Name, string Dose, IReadOnlyList<TimeOnly> ScheduleTimes, string StartDate)
{
    public string? EndDate { get; init; }
    public string? Prescriber { get; init; }
    public bool Active { get; init; } = true;

    /// <summary>The patient gets an alert at each dose time.</summary>
    public bool Alerts { get; init; }
}
