using Dapper;
using Parley.Clinic.Appointments;
using Parley.Clinic.Notifications;
using Parley.Clinic.Patients;
using Parley.Core.Storage;
using Parley.Testing;

namespace Parley.Clinic.Tests.Notifications;

/// <summary>Reminders leave through Core's outbound queue, once, even with two instances on one PostgreSQL database.</summary>
public sealed class ReminderDeliveryTests
{
    private static Dictionary<string, string?> Settings() => new()
    {
        // The background job stays off: the test runs the reminders itself, on both instances at once.
        ["Parley:Clinic:RemindersEnabled"] = "false",
    };

    /// <summary>Appointments whose 2-hour reminder fell due a minute ago, for <paramref name="count"/> new patients.</summary>
    private static async Task<List<long>> DueAppointmentsAsync(TestApp app, int count)
    {
        var directory = app.Get<ClinicDirectory>();
        var doctor = (await directory.ListStaffAsync(default)).First(s => s.Role == StaffRole.Doctor);
        var start = app.Get<TimeProvider>().GetUtcNow().AddHours(2).AddMinutes(-1);
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var patient = await directory.UpsertPatientAsync(new Patient(0, $"T-{i:000}", $"Test Patient {i}", "1990-01-01", $"+1555020{i:0000}"), default);
            ids.Add(await app.Get<AppointmentStore>().AddAsync(patient, doctor.Id, "Cardiology", start, 30, $"{300 + i}", "Main Building", AppointmentState.Scheduled, default));
        }

        return ids;
    }

    [Theory, SqliteData, PostgresData]
    public async Task AReminderOutsideTheWindow_GoesAsTheUtilityTemplate_InsideWithConfirmAndCancelButtons(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, Settings());
        await app.SandboxFor("clinic").SendAsync("+15550200001", "hello");
        await app.SandboxFor("clinic").WaitForRepliesAsync("+15550200001", 1);
        await DueAppointmentsAsync(app, 2);

        var sent = (await app.Get<ReminderRun>().RunAsync(default)).Sent;
        var failures = (await app.Get<NotificationStore>().ListAsync(NotificationState.Failed, 10, default)).Select(n => n.Error);
        sent.ShouldBe(2, string.Join("; ", failures));

        // +15550200000 never wrote: the template; +15550200001 wrote just now: the interactive message with buttons.
        var template = await app.SandboxFor("clinic").ThreadAsync("+15550200000");
        template.ShouldHaveSingleItem().Type.ShouldBe("template");
        var thread = await app.SandboxFor("clinic").ThreadAsync("+15550200001");
        var reminder = thread.Last();
        reminder.Type.ShouldBe("interactive");
        reminder.Text!.ShouldStartWith("⏰ Appointment reminder:");
    }

    [PostgresFact]
    public async Task TwoInstancesOnPostgres_SendEachReminderExactlyOnce()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        await using var first = TestApp.Start(database, Settings());
        var appointments = await DueAppointmentsAsync(first, 30);
        await using var second = TestApp.Start(database, Settings());

        // Both instances plan and send at the same time, three rounds each.
        var runs = Enumerable.Range(0, 3).SelectMany(_ => new[] { first, second })
            .Select(app => Task.Run(() => app.Get<ReminderRun>().RunAsync(default)));
        var results = await Task.WhenAll(runs);

        results.Sum(r => r.Sent).ShouldBe(30);
        var notifications = (await first.Get<NotificationStore>().ListAsync(null, 1000, default))
            .Where(n => n.Kind == NotificationKind.AppointmentReminder).ToList();
        notifications.Count.ShouldBe(30);
        notifications.ShouldAllBe(n => n.State == NotificationState.Sent && n.Attempts == 1);
        notifications.Select(n => n.AppointmentId!.Value).Order().ShouldBe(appointments);

        await using var c = new Npgsql.NpgsqlConnection(database.ConnectionString);
        var perContact = (await c.QueryAsync<long>(
            "SELECT COUNT(*) FROM messages WHERE account_id = 'clinic' AND direction = 'outbound' GROUP BY contact_id")).ToList();
        perContact.Count.ShouldBe(30);
        perContact.ShouldAllBe(n => n == 1);
    }
}
