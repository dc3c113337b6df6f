using System.Globalization;
using Parley.Clinic.Access;
using Parley.Clinic.Notifications;

namespace Parley.Clinic.Appointments;

/// <summary>
/// Books an appointment (chat flow, API): the access policy first, then the <see cref="SchedulingRules"/>, then the
/// appointment and the patient's notice (sent by the reminder job within <see cref="ClinicOptions.ReminderInterval"/>).
/// Confirming and cancelling go through here too, so a cancelled appointment's reminders are cancelled with it.
/// </summary>
public sealed class AppointmentBooking(
    GuardedClinic guarded,
    SchedulingRules rules,
    AppointmentStore appointments,
    NotificationStore notifications,
    TimeProvider time)
{
    public async Task<BookingResult> BookAsync(ClinicViewer viewer, long patientId, long doctorId, string? specialty, DateTimeOffset start, int durationMinutes,
        string? room, string? building, CancellationToken ct)
    {
        if (!await guarded.MayScheduleAsync(viewer, patientId, ct))
        {
            return new BookingResult(null, ScheduleConflict.None, true);
        }

        var conflict = await rules.CheckAsync(patientId, doctorId, start, durationMinutes, room, building, ct);
        if (conflict != ScheduleConflict.None)
        {
            return new BookingResult(null, conflict, false);
        }

        var id = await appointments.AddAsync(patientId, doctorId, specialty, start, durationMinutes, room, building, AppointmentState.Scheduled, ct);
        await notifications.PlanAsync(NotificationKind.AppointmentNotice, patientId, id, null,
            string.Create(CultureInfo.InvariantCulture, $"notice:{id}"), time.GetUtcNow(), ct);
        return new BookingResult(await appointments.FindAsync(id, ct), ScheduleConflict.None, false);
    }

    public Task<bool> ConfirmAsync(long appointmentId, CancellationToken ct) =>
        appointments.SetStateAsync(appointmentId, AppointmentState.Confirmed, [AppointmentState.Scheduled], ct);

    public async Task<bool> CancelAsync(long appointmentId, CancellationToken ct)
    {
        var cancelled = await appointments.SetStateAsync(appointmentId, AppointmentState.Cancelled, [AppointmentState.Scheduled, AppointmentState.Confirmed], ct);
        if (cancelled)
        {
            await notifications.CancelForAppointmentAsync(appointmentId, ct);
        }

        return cancelled;
    }
}
