using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Clinic.Access;
using Parley.Clinic.Analytics;
using Parley.Clinic.Appointments;
using Parley.Clinic.Conversation;
using Parley.Clinic.Demo;
using Parley.Clinic.Notifications;
using Parley.Clinic.Patients;
using Parley.Core.Modules;
using Parley.Core.Storage;
using Parley.Testing;

namespace Parley.Clinic.Tests;

/// <summary>
/// The clinic's stores, policy and commands on a real database (SQLite file or PostgreSQL) with the demo clinic loaded,
/// without the web host. Time is a <see cref="FakeTimeProvider"/> (Monday 2026-01-05 12:00 UTC; the clinic's zone is UTC).
/// </summary>
internal sealed class ClinicHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TestDatabase _database;

    private ClinicHarness(ServiceProvider services, TestDatabase database, FakeTimeProvider time)
    {
        _services = services;
        _database = database;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static async Task<ClinicHarness> StartAsync(DatabaseKind kind = DatabaseKind.Sqlite, Action<ClinicOptions>? configure = null)
    {
        var database = await TestDatabase.CreateAsync(kind);
        var time = new FakeTimeProvider();
        var options = new ClinicOptions();
        configure?.Invoke(options);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(new Database(kind, database.ConnectionString));
        services.AddModuleSchema(ModuleSchema.Core);
        services.AddModuleSchema(ModuleSchema.Of<ClinicOptions>("clinic"));
        services.AddSingleton<Migrator>();
        services.AddSingleton(Options.Create(options));
        services.AddSingleton<ClinicDirectory>();
        services.AddSingleton<ClinicalRecords>();
        services.AddSingleton<AppointmentStore>();
        services.AddSingleton<SchedulingRules>();
        services.AddSingleton<AppointmentBooking>();
        services.AddSingleton<AccessAudit>();
        services.AddSingleton<GuardedClinic>();
        services.AddSingleton<ClinicUsage>();
        services.AddSingleton<NotificationStore>();
        services.AddSingleton<ReminderPlanner>();
        services.AddSingleton<ClinicCommands>();
        services.AddSingleton<ScheduleFlow>();
        services.AddSingleton<ClinicDemoData>();
        services.AddSingleton<Parley.Clinic.Import.ClinicImporter>();
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<Migrator>().MigrateAsync();
        await provider.GetRequiredService<ClinicDemoData>().RunAsync(CancellationToken.None);
        return new ClinicHarness(provider, database, time);
    }

    public async Task<ClinicViewer> PatientAsync(string phone = DemoClinic.PatientPhone) =>
        ClinicViewer.ForPatient((await Get<ClinicDirectory>().FindPatientByPhoneAsync(phone, CancellationToken.None))!.Id, 1);

    public async Task<ClinicViewer> StaffAsync(string phone) =>
        ClinicViewer.ForStaff((await Get<ClinicDirectory>().FindStaffByPhoneAsync(phone, CancellationToken.None))!, 2);

    public async Task<long> PatientIdAsync(string phone = DemoClinic.PatientPhone) =>
        (await Get<ClinicDirectory>().FindPatientByPhoneAsync(phone, CancellationToken.None))!.Id;

    /// <summary>Runs a command as <paramref name="viewer"/> and returns the text of the replies.</summary>
    public async Task<string> RunAsync(ClinicViewer viewer, string text, string language = "en")
    {
        var replies = await Get<ClinicCommands>().RunAsync(viewer, CommandParser.Parse(text), language, CancellationToken.None);
        return string.Join("\n---\n", replies.Select(r => r.Text));
    }

    public Task<IReadOnlyList<AuditEntry>> AuditAsync(long? patientId = null) =>
        Get<AccessAudit>().ListAsync(patientId, null, null, 1000, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }
}
