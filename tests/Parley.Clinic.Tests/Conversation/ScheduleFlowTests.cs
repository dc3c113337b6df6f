using Parley.Clinic.Access;
using Parley.Clinic.Appointments;
using Parley.Clinic.Conversation;
using Parley.Clinic.Demo;
using Parley.Clinic.Notifications;

namespace Parley.Clinic.Tests.Conversation;

/// <summary>"schedule appointment": all at once, or guided step by step, with the conflicts said and the notice planned.</summary>
public sealed class ScheduleFlowTests
{
    private static async Task<(string Text, ScheduleDraft? Draft)> StepAsync(ClinicHarness h, ClinicViewer viewer, ScheduleDraft draft, string input, bool start = false)
    {
        var (replies, next) = await h.Get<ScheduleFlow>().StepAsync(viewer, draft, input, start, "en", default);
        return (string.Join("\n", replies.Select(r => r.Text)), next);
    }

    [Fact]
    public async Task AllDetailsAtOnce_BooksAndPlansTheNotice()
    {
        await using var h = await ClinicHarness.StartAsync();
        var rita = await h.StaffAsync(DemoClinic.ReceptionPhone);

        var (text, draft) = await StepAsync(h, rita, new ScheduleDraft(), "+15550100003 with Dr. Smith tomorrow 10:00 room 205, Main Building", start: true);

        text.ShouldContain("✅ Appointment booked.");
        text.ShouldContain("🏥 Dr. Sam Smith - Cardiology\n📅 Tomorrow, 10:00 AM\n📍 Room 205, Main Building");
        draft.ShouldBeNull();
        var notice = (await h.Get<NotificationStore>().ListAsync(null, 10, default)).ShouldHaveSingleItem();
        notice.Kind.ShouldBe(NotificationKind.AppointmentNotice);
        notice.PatientId.ShouldBe(await h.PatientIdAsync("+15550100003"));
    }

    [Fact]
    public async Task MissingDetails_AreAskedOneByOne_AndAConflictAsksForAnotherTime()
    {
        await using var h = await ClinicHarness.StartAsync();
        var rita = await h.StaffAsync(DemoClinic.ReceptionPhone);

        var (text, draft) = await StepAsync(h, rita, new ScheduleDraft(), "", start: true);
        text.ShouldStartWith("👤 Which patient?");
        (text, draft) = await StepAsync(h, rita, draft!, "Alex Sample");
        text.ShouldStartWith("🩺 Which doctor or specialty?");
        text.ShouldContain("• Dr. Sam Smith - Cardiology");
        (text, draft) = await StepAsync(h, rita, draft!, "cardiology");
        text.ShouldStartWith("📅 What date and time?");
        (text, draft) = await StepAsync(h, rita, draft!, "tomorrow 2pm");
        text.ShouldStartWith("📍 Which room?");
        (text, draft) = await StepAsync(h, rita, draft!, "skip");
        text.ShouldStartWith("⚠️ The doctor already has an appointment then.");
        (text, draft) = await StepAsync(h, rita, draft!, "tomorrow 3pm");

        text.ShouldContain("✅ Appointment booked.");
        text.ShouldContain("📅 Tomorrow, 3:00 PM");
        draft.ShouldBeNull();
    }

    [Fact]
    public async Task OutsideClinicHours_IsSaid()
    {
        await using var h = await ClinicHarness.StartAsync();
        var nia = await h.StaffAsync(DemoClinic.NursePhone);

        var (text, draft) = await StepAsync(h, nia, new ScheduleDraft(), "+15550100003 with Dr. Smith tomorrow 7:00 room 9", start: true);

        text.ShouldStartWith("⚠️ Outside clinic hours (08:00–18:00 on open days).");
        draft.ShouldNotBeNull().StartsAtMs.ShouldBeNull();
    }

    [Fact]
    public async Task Cancel_LeavesTheFlow()
    {
        await using var h = await ClinicHarness.StartAsync();
        var rita = await h.StaffAsync(DemoClinic.ReceptionPhone);
        var (_, draft) = await StepAsync(h, rita, new ScheduleDraft(), "", start: true);

        var (text, next) = await StepAsync(h, rita, draft!, "cancel");

        text.ShouldBe("Booking cancelled.");
        next.ShouldBeNull();
        (await h.Get<AppointmentStore>().BetweenAsync(h.Time.GetUtcNow(), h.Time.GetUtcNow().AddDays(30), null, default)).Count.ShouldBe(3);
    }
}
