using Microsoft.Extensions.Options;

namespace Parley.Clinic.Appointments;

/// <summary>
/// Whether a slot can be booked: not in the past, inside the clinic's hours (in the clinic's time zone, on its open
/// days), and neither the doctor, the room nor the patient already busy then. The one place these rules live: the chat
/// flow, the API and the importer all ask here.
/// </summary>
public sealed class SchedulingRules(AppointmentStore appointments, IOptions<ClinicOptions> options, TimeProvider time)
{
    public async Task<ScheduleConflict> CheckAsync(long patientId, long doctorId, DateTimeOffset start, int durationMinutes, string? room, string? building,
        CancellationToken ct)
    {
        var o = options.Value;
        if (start <= time.GetUtcNow())
        {
            return ScheduleConflict.InThePast;
        }

        var zone = o.Zone();
        var localStart = TimeZoneInfo.ConvertTime(start, zone);
        var localEnd = localStart.AddMinutes(durationMinutes);
        if (!o.EffectiveOpenDays.Contains(localStart.DayOfWeek)
            || localEnd.Date != localStart.Date
            || TimeOnly.FromDateTime(localStart.DateTime) < o.OpensAt
            || TimeOnly.FromDateTime(localEnd.DateTime) > o.ClosesAt)
        {
            return ScheduleConflict.OutsideClinicHours;
        }

        var overlapping = await appointments.OverlappingAsync(start, start.AddMinutes(durationMinutes), ct);
        if (overlapping.Any(a => a.DoctorId == doctorId))
        {
            return ScheduleConflict.DoctorBusy;
        }

        if (!string.IsNullOrWhiteSpace(room) && overlapping.Any(a => SameRoom(a, room, building)))
        {
            return ScheduleConflict.RoomBusy;
        }

        return overlapping.Any(a => a.PatientId == patientId) ? ScheduleConflict.PatientBusy : ScheduleConflict.None;
    }

    private static bool SameRoom(Appointment a, string room, string? building) =>
        string.Equals(a.Room?.Trim(), room.Trim(), StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Building?.Trim() ?? "", building?.Trim() ?? "", StringComparison.OrdinalIgnoreCase);
}
