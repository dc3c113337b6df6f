namespace Parley.Clinic.Appointments;

/// <summary>Why a slot cannot be booked.</summary>
public enum ScheduleConflict
{
    None,
    InThePast,
    OutsideClinicHours,
    DoctorBusy,
    RoomBusy,
    PatientBusy,
}
