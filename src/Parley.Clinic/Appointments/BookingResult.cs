namespace Parley.Clinic.Appointments;

/// <summary>The outcome of booking: the appointment, or why not (refused by the policy, or a <see cref="ScheduleConflict"/>).</summary>
public sealed record BookingResult(Appointment? Appointment, ScheduleConflict Conflict, bool Refused)
{
    public bool Booked => Appointment is not null;
}
