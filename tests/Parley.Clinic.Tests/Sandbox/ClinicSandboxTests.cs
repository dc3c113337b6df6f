using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Clinic.Access;
using Parley.Clinic.Demo;
using Parley.Core.Storage;
using Parley.Testing;

namespace Parley.Clinic.Tests.Sandbox;

/// <summary>The clinic bot end to end in the sandbox: Identity's sign-in, the commands, expiry, the audit, the logs.</summary>
public sealed class ClinicSandboxTests
{
    private static Dictionary<string, string?> Settings() => new() { ["Parley:Clinic:RemindersEnabled"] = "false" };

    [Theory, SqliteData, PostgresData]
    public async Task ADemoPatient_SignsInWithTheCodeTheirPhoneGot_AndReadsTheirAppointments(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, Settings());
        var pat = new ClinicChat(app, DemoClinic.PatientPhone);

        (await pat.SayAsync("hi")).ShouldContain("Welcome to CARE! Type \"help\" for available commands.");
        (await pat.SayAsync("get appointments")).ShouldBe("🔐 Please sign in first: type *login*.");

        var signedIn = await pat.SignInAsync();
        signedIn.ShouldContain("Pat Demo");
        signedIn.ShouldContain("• get appointments - View your appointments");

        var appointments = await pat.SayAsync("get appointments");
        appointments.ShouldStartWith("📅 Your Upcoming Appointments:");
        appointments.ShouldContain("🏥 Dr. Sam Smith - Cardiology\n📅 Tomorrow, 2:00 PM\n📍 Room 205, Main Building");

        (await pat.SayAsync("logout")).ShouldContain("signed out");
        (await pat.SayAsync("get medications")).ShouldBe("🔐 Please sign in first: type *login*.");

        var audit = await app.Get<AccessAudit>().ListAsync(null, null, null, 100, default);
        audit.Count(a => a is { What: "signed_in_command", Outcome: AuditEntry.Refused }).ShouldBe(2);
    }

    [Fact]
    public async Task ADemoReceptionist_SearchesAndSeesMaskedResults()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings());
        var rita = new ClinicChat(app, DemoClinic.ReceptionPhone);
        (await rita.SignInAsync()).ShouldContain("• patient search <name or phone>");

        var results = await rita.SayAsync("patient search pat");

        results.ShouldContain("👤 Pat Demo\n📱 •••• 0001 · 🎂 1980-••-•• · 🆔 ••••••01");
        results.ShouldNotContain(DemoClinic.PatientPhone);
        (await rita.SayAsync("patient info " + DemoClinic.PatientPhone)).ShouldNotContain("Lisinopril");
        var audit = await app.Get<AccessAudit>().ListAsync(null, null, null, 100, default);
        audit.ShouldContain(a => a.What == "search" && a.ActorRole == "reception" && a.ActorName == "Rita Reception (demo)");
    }

    [Fact]
    public async Task TheSession_EndsAfterItsLifetime_AndTheNextClinicalCommandIsRefusedAndAudited()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(), services: s => s.AddSingleton<TimeProvider>(clock));
        var pat = new ClinicChat(app, DemoClinic.PatientPhone);
        await pat.SignInAsync();
        (await pat.SayAsync("get medications")).ShouldContain("💊 Lisinopril (demo) 10 mg");

        clock.Advance(TimeSpan.FromHours(23));
        (await pat.SayAsync("get medications")).ShouldContain("💊 Lisinopril (demo) 10 mg");
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        var expired = await pat.SayAsync("get medications");

        expired.ShouldContain("expired");
        expired.ShouldNotContain("Lisinopril");
        (await pat.SayAsync("get records")).ShouldBe("🔐 Please sign in first: type *login*.");
        (await app.Get<AccessAudit>().ListAsync(null, null, null, 100, default)).Count(a => a.What == "signed_in_command").ShouldBe(2);
    }

    [Fact]
    public async Task AStaffMember_BooksAnAppointment_AndThePatientGetsAWhatsAppNotice()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings());
        var smith = new ClinicChat(app, DemoClinic.DoctorPhone);
        await smith.SignInAsync();

        var booked = await smith.SayAsync("schedule appointment +15550100003 with Dr. Smith 2099-01-06 10:00 room 101");
        booked.ShouldContain("✅ Appointment booked.");

        (await app.Get<Parley.Clinic.Notifications.ReminderRun>().RunAsync(default)).Sent.ShouldBeGreaterThanOrEqualTo(1);
        var notice = await app.SandboxFor("clinic").WaitAsync("+15550100003", t => t.Count > 0);
        notice.ShouldHaveSingleItem().Type.ShouldBe("template");
    }

    [Fact]
    public async Task AFullSession_LeavesNoClinicalContentNamesOrNumbersInTheLogs()
    {
        var capture = new CapturingLoggerProvider();
        var settings = Settings();
        settings["Logging:LogLevel:Default"] = "Information";
        settings["Logging:LogLevel:Parley"] = "Information";
        await using (var app = await TestApp.StartAsync(DatabaseKind.Sqlite, settings, services: s => s.AddSingleton<ILoggerProvider>(capture)))
        {
            var pat = new ClinicChat(app, DemoClinic.PatientPhone);
            await pat.SignInAsync();
            await pat.SayAsync("get records");
            await pat.SayAsync("get medications");
            await pat.SayAsync("get appointments");
            await pat.SayAsync("get procedures");
            var nia = new ClinicChat(app, DemoClinic.NursePhone);
            await nia.SignInAsync();
            await nia.SayAsync("patient search demo");
            await nia.SayAsync("patient info " + DemoClinic.PatientPhone);
            await app.Get<Parley.Clinic.Notifications.ReminderRun>().RunAsync(default);
        }

        var entries = capture.Entries;
        entries.ShouldNotBeEmpty();
        string[] secrets = ["15550100001", "0100001", "15550100103", "Pat Demo", "Nurse Nia", "Lisinopril", "Penicillin", "Hypertension", "Electrocardiogram", "DEMO-0001", "1980-04-12"];
        foreach (var entry in entries)
        {
            foreach (var secret in secrets)
            {
                entry.AllText().ShouldNotContain(secret, Case.Insensitive, $"{secret} in {entry.Level} {entry.Category}: {entry.Message}");
            }
        }
    }
}
