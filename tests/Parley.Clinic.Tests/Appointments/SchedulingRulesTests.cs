using Parley.Clinic.Appointments;
using Parley.Clinic.Demo;
using Parley.Clinic.Patients;
using Parley.Core.Storage;
using Parley.Testing;

namespace Parley.Clinic.Tests.Appointments;

/// <summary>The conflict checks: the doctor, the room, the patient, clinic hours and days, the past. The clock is Monday 2026-01-05 12:00 UTC.</summary>
public sealed class SchedulingRulesTests
{
    // The demo has Dr. Smith with Pat in room 205, Main Building, tomorrow (Tuesday) 14:00-14:30 and with Ana at 09:00.
    private static readonly DateTimeOffset Tuesday = new(2026, 1, 6, 0, 0, 0, TimeSpan.Zero);

    private static async Task<(ScheduleConflict Result, long Doctor)> CheckAsync(ClinicHarness h, string doctorPhone, DateTimeOffset start, string? room, string patientPhone = "+15550100003")
    {
        var doctor = (await h.Get<ClinicDirectory>().FindStaffByPhoneAsync(doctorPhone, default))!.Id;
        var patient = await h.PatientIdAsync(patientPhone);
        return (await h.Get<SchedulingRules>().CheckAsync(patient, doctor, start, 30, room, "Main Building", default), doctor);
    }

    [Theory, SqliteData, PostgresData]
    public async Task TheDoctorsOverlappingAppointment_IsAConflict(DatabaseKind kind)
    {
        await using var h = await ClinicHarness.StartAsync(kind);
        (await CheckAsync(h, DemoClinic.DoctorPhone, Tuesday.AddHours(14).AddMinutes(15), null)).Result.ShouldBe(ScheduleConflict.DoctorBusy);
        (await CheckAsync(h, DemoClinic.DoctorPhone, Tuesday.AddHours(13).AddMinutes(45), null)).Result.ShouldBe(ScheduleConflict.DoctorBusy);
        (await CheckAsync(h, DemoClinic.DoctorPhone, Tuesday.AddHours(14).AddMinutes(30), null)).Result.ShouldBe(ScheduleConflict.None);
    }

    [Fact]
    public async Task TheSameRoomAtTheSameTime_IsAConflict_EvenWithAnotherDoctor()
    {
        await using var h = await ClinicHarness.StartAsync();
        (await CheckAsync(h, "+15550100102", Tuesday.AddHours(14), "205")).Result.ShouldBe(ScheduleConflict.RoomBusy);
        (await CheckAsync(h, "+15550100102", Tuesday.AddHours(14), "206")).Result.ShouldBe(ScheduleConflict.None);
    }

    [Fact]
    public async Task ThePatientsOwnOverlappingAppointment_IsAConflict()
    {
        await using var h = await ClinicHarness.StartAsync();
        (await CheckAsync(h, "+15550100102", Tuesday.AddHours(14), null, DemoClinic.PatientPhone)).Result.ShouldBe(ScheduleConflict.PatientBusy);
    }

    [Theory]
    [InlineData(7, 30)]    // before 08:00
    [InlineData(17, 45)]   // ends after 18:00
    public async Task OutsideClinicHours_IsAConflict(int hour, int minute)
    {
        await using var h = await ClinicHarness.StartAsync();
        (await CheckAsync(h, DemoClinic.DoctorPhone, Tuesday.AddHours(hour).AddMinutes(minute), null)).Result.ShouldBe(ScheduleConflict.OutsideClinicHours);
    }

    [Fact]
    public async Task OnAClosedDayOrInThePast_IsAConflict()
    {
        await using var h = await ClinicHarness.StartAsync();
        var saturday = new DateTimeOffset(2026, 1, 10, 10, 0, 0, TimeSpan.Zero);
        (await CheckAsync(h, DemoClinic.DoctorPhone, saturday, null)).Result.ShouldBe(ScheduleConflict.OutsideClinicHours);
        (await CheckAsync(h, DemoClinic.DoctorPhone, h.Time.GetUtcNow().AddHours(-1), null)).Result.ShouldBe(ScheduleConflict.InThePast);
    }

    [Fact]
    public async Task ClinicHours_AreReadInTheClinicsTimeZone()
    {
        await using var h = await ClinicHarness.StartAsync(configure: o => o.TimeZone = "America/New_York");
        // 14:00 UTC is 09:00 in New York (open); 12:00 UTC would be 07:00 (closed).
        (await CheckAsync(h, "+15550100102", Tuesday.AddHours(14), null)).Result.ShouldBe(ScheduleConflict.None);
        (await CheckAsync(h, "+15550100102", Tuesday.AddHours(12), null)).Result.ShouldBe(ScheduleConflict.OutsideClinicHours);
    }

    [Fact]
    public async Task ACancelledAppointment_FreesTheSlot_AndCancelsItsReminders()
    {
        await using var h = await ClinicHarness.StartAsync();
        var pat = await h.PatientIdAsync();
        var appointment = (await h.Get<AppointmentStore>().ForPatientAsync(pat, h.Time.GetUtcNow(), false, default))[0];
        await h.Get<Parley.Clinic.Notifications.NotificationStore>().PlanAsync("appointment_reminder", pat, appointment.Id, null, "k", appointment.StartsAt.AddHours(-2), default);

        (await h.Get<AppointmentBooking>().CancelAsync(appointment.Id, default)).ShouldBeTrue();

        (await CheckAsync(h, DemoClinic.DoctorPhone, appointment.StartsAt, null)).Result.ShouldBe(ScheduleConflict.None);
        (await h.Get<Parley.Clinic.Notifications.NotificationStore>().ListAsync(null, 10, default)).ShouldHaveSingleItem().State.ShouldBe("cancelled");
    }
}
