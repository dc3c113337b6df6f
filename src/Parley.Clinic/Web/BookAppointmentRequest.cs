namespace Parley.Clinic.Web;

/// <summary>POST /api/v1/clinic/appointments: the patient and doctor by phone, the start with its offset.</summary>
public sealed record BookAppointmentRequest(string PatientPhone, string DoctorPhone, DateTimeOffset Start)
{
    public int? DurationMinutes { get; init; }
    public string? Room { get; init; }
    public string? Building { get; init; }
}
