using Parley.Clinic.Appointments;
using Parley.Clinic.Demo;
using Parley.Clinic.Notifications;
using Parley.Clinic.Patients;

namespace Parley.Clinic.Tests.Notifications;

/// <summary>What the planner puts in the notifications table, and when (the clock starts Monday 2026-01-05 12:00 UTC).</summary>
public sealed class ReminderPlannerTests
{
    [Fact]
    public async Task Appointments_GetA24HourAndA2HourReminder_EachPlannedOnce()
    {
        await using var h = await ClinicHarness.StartAsync();
        var planner = h.Get<ReminderPlanner>();
        // Pat's and Ana's appointments are tomorrow at 14:00 and 09:00: at 13:10 today Pat's 24-hour reminder is within the hour.
        h.Time.Advance(TimeSpan.FromMinutes(70));

        (await planner.PlanAsync(default)).ShouldBeGreaterThanOrEqualTo(1);
        (await planner.PlanAsync(default)).ShouldBe(0);

        var planned = (await h.Get<NotificationStore>().ListAsync(null, 50, default)).Where(n => n.Kind == NotificationKind.AppointmentReminder).ToList();
        var reminder = planned.ShouldHaveSingleItem();
        reminder.DueAt.ShouldBe(new DateTimeOffset(2026, 1, 5, 14, 0, 0, TimeSpan.Zero));
        reminder.PatientId.ShouldBe(await h.PatientIdAsync());

        h.Time.Advance(TimeSpan.FromHours(23));
        await planner.PlanAsync(default);
        (await h.Get<NotificationStore>().ListAsync(null, 50, default)).Where(n => n.Kind == NotificationKind.AppointmentReminder)
            .Select(n => n.DueAt.UtcDateTime.Hour).Order().ShouldBe([12, 14]);
        // Pat's 2-hour reminder (Tuesday 12:00) joined the 24-hour one; Ana's (07:00) fell between two runs more than the
        // grace period ago, so it is skipped rather than sent hours late.
    }

    [Fact]
    public async Task MedicationAlerts_FollowTheDoseTimesInThePatientsTimeZone()
    {
        await using var h = await ClinicHarness.StartAsync();
        var directory = h.Get<ClinicDirectory>();
        var pat = (await directory.FindPatientByPhoneAsync(DemoClinic.PatientPhone, default))!;
        await directory.UpsertPatientAsync(pat with { TimeZone = "America/New_York" }, default);

        await h.Get<ReminderPlanner>().PlanAsync(default);

        // Lisinopril at 08:00 and 20:00 New York time (UTC-5 in January): 13:00 and 01:00 UTC, within the next 26 hours.
        var alerts = (await h.Get<NotificationStore>().ListAsync(null, 50, default)).Where(n => n.Kind == NotificationKind.MedicationAlert).ToList();
        alerts.Select(a => a.DueAt).Order().ShouldBe([
            new DateTimeOffset(2026, 1, 5, 13, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 1, 6, 1, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 1, 6, 13, 0, 0, TimeSpan.Zero),
        ]);
    }

    [Fact]
    public async Task ACancelledAppointment_GetsNoReminder()
    {
        await using var h = await ClinicHarness.StartAsync();
        var pat = await h.PatientIdAsync();
        var tomorrow = (await h.Get<AppointmentStore>().ForPatientAsync(pat, h.Time.GetUtcNow(), false, default))[0];
        await h.Get<AppointmentBooking>().CancelAsync(tomorrow.Id, default);
        h.Time.Advance(TimeSpan.FromMinutes(70));

        await h.Get<ReminderPlanner>().PlanAsync(default);

        (await h.Get<NotificationStore>().ListAsync(null, 50, default)).ShouldNotContain(n => n.AppointmentId == tomorrow.Id);
    }
}
