using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Parley.Core.Events;
using Parley.Core.Hosting;
using Parley.Core.Inbound;
using Parley.Core.Maintenance;
using Parley.Core.Media;
using Parley.Core.Messaging;
using Parley.Core.Modules;
using Parley.Core.Startup;
using Parley.Core.Storage;
using Parley.Core.Work;
using Parley.Testing;

namespace Parley.Core.Tests.Maintenance;

/// <summary>Retention deletes what has expired, keeps the deduplication records, and runs on one instance at a time.</summary>
public sealed class RetentionJobTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory, SqliteData, PostgresData]
    public async Task RunOnce_DeletesExpiredEventsAndParkedStatuses_KeepsMessagesSoRedeliveriesStayDuplicates(DatabaseKind kind)
    {
        await using var fixture = await Fixture.CreateAsync(kind);
        var time = fixture.Time;

        // 31 days ago: a message and a status for a message never seen; 29 and 7 days ago: more of the same.
        await fixture.StoreAsync("wamid.old", parkedStatusFor: "wamid.unknown.old");
        time.Advance(TimeSpan.FromDays(2));
        await fixture.StoreAsync("wamid.recent");
        time.Advance(TimeSpan.FromDays(22));
        await fixture.StoreAsync(null, parkedStatusFor: "wamid.unknown.recent");
        time.Advance(TimeSpan.FromDays(7));

        var run = await fixture.Job().RunOnceAsync();

        run.ShouldNotBeNull();
        run.WebhookEvents.ShouldBe(1);
        run.PendingStatuses.ShouldBe(1);
        (await fixture.CountAsync("webhook_events")).ShouldBe(2);
        (await fixture.CountAsync("pending_statuses")).ShouldBe(1);
        (await fixture.CountAsync("messages")).ShouldBe(2);

        // Meta redelivers the 31-day-old message: it is still recognised and not processed again.
        var again = await fixture.StoreAsync("wamid.old");
        again.DuplicateMessages.ShouldBe(1);
        again.NewMessageIds.ShouldBeEmpty();
    }

    [Theory, SqliteData, PostgresData]
    public async Task RunOnce_TwoInstancesAtOnce_OnlyOneRuns_AndTheNextRunWaitsForTheInterval(DatabaseKind kind)
    {
        await using var fixture = await Fixture.CreateAsync(kind);
        var a = fixture.Job();
        var b = fixture.Job();

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).RunOnceAsync())));

        runs.Count(r => r is not null).ShouldBe(1);
        (await a.RunOnceAsync()).ShouldBeNull("the next run is not due yet");
        fixture.Time.Advance(TimeSpan.FromMinutes(59));
        (await b.RunOnceAsync()).ShouldBeNull("an hour has not passed");
        fixture.Time.Advance(TimeSpan.FromMinutes(2));
        (await b.RunOnceAsync()).ShouldNotBeNull();
        var lease = await new JobLease(fixture.Database).ReadAsync(RetentionJob.LeaseName, default);
        lease.ShouldNotBeNull();
        lease.last_result.ShouldNotBeNull().ShouldContain("webhook_events=");
    }

    [Theory, SqliteData, PostgresData]
    public async Task RunOnce_HolderDiedMidRun_AnotherInstanceTakesOverWhenTheLeaseExpires(DatabaseKind kind)
    {
        await using var fixture = await Fixture.CreateAsync(kind);
        var leases = new JobLease(fixture.Database);
        var now = fixture.Time.NowMs();
        // An instance took the lease for a run and was killed: nothing completes it.
        (await leases.TryAcquireAsync(RetentionJob.LeaseName, "dead-instance", now, now + (long)RetentionJob.RunLease.TotalMilliseconds, default)).ShouldBeTrue();

        (await fixture.Job().RunOnceAsync()).ShouldBeNull();
        fixture.Time.Advance(RetentionJob.RunLease + TimeSpan.FromSeconds(1));
        (await fixture.Job().RunOnceAsync()).ShouldNotBeNull();
    }

    [Theory, SqliteData, PostgresData]
    public async Task RunOnce_RunsEachModulesRetentionTask_AndReportsItsCountByName(DatabaseKind kind)
    {
        await using var fixture = await Fixture.CreateAsync(kind);
        var module = new CountingTask("module_rows", 3);

        var run = await fixture.Job(tasks: [module]).RunOnceAsync();

        module.Runs.ShouldBe(1);
        run.ShouldNotBeNull().Of("module_rows").ShouldBe(3);
        run.ToString().ShouldEndWith(" module_rows=3");
    }

    /// <summary>A module's retention as Core sees it: a name and a count (the bots' real one is tested in Parley.Bots.Tests).</summary>
    private sealed class CountingTask(string name, long count) : IRetentionTask
    {
        public int Runs { get; private set; }

        public string Name => name;

        public Task<long> RunAsync(CancellationToken ct)
        {
            Runs++;
            return Task.FromResult(count);
        }
    }

    [Theory, SqliteData, PostgresData]
    public async Task RunOnce_FailedWebhookEvents_AreKeptForReplay(DatabaseKind kind)
    {
        await using var fixture = await Fixture.CreateAsync(kind);
        await fixture.StoreAsync("wamid.stored");
        await using (var c = await fixture.Database.OpenAsync())
        {
            await c.ExecuteAsync(
                "INSERT INTO webhook_events (account_id, provider, received_at, body, state, last_error) VALUES ('ret', 'sandbox', @now, '{}', 'failed', 'parse')",
                new { now = fixture.Time.NowMs() });
        }

        fixture.Time.Advance(TimeSpan.FromDays(40));
        var run = await fixture.Job().RunOnceAsync();

        run.ShouldNotBeNull().WebhookEvents.ShouldBe(1);
        (await fixture.CountAsync("webhook_events")).ShouldBe(1);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Cleaner_TheCleanupCommandsCode_DeletesWhileAnotherInstanceHoldsTheLease(DatabaseKind kind)
    {
        await using var fixture = await Fixture.CreateAsync(kind);
        var now = fixture.Time.NowMs();
        (await new JobLease(fixture.Database).TryAcquireAsync(RetentionJob.LeaseName, "other-instance", now, now + (long)TimeSpan.FromDays(100).TotalMilliseconds, default)).ShouldBeTrue();
        await fixture.StoreAsync("wamid.old");
        fixture.Time.Advance(TimeSpan.FromDays(31));

        (await fixture.Job().RunOnceAsync()).ShouldBeNull("the job runs only under the lease");
        var result = await fixture.Cleaner().RunAsync();

        result.WebhookEvents.ShouldBe(1);
        (await fixture.CountAsync("webhook_events")).ShouldBe(0);
    }

    [Theory, SqliteData, PostgresData]
    public async Task RunOnce_Media_DeletesOnlyOldFilesNoMessageRefersTo(DatabaseKind kind)
    {
        await using var fixture = await Fixture.CreateAsync(kind);
        var store = fixture.MediaStore();
        var orphan = await store.SaveAsync(new MemoryStream("old orphan"u8.ToArray()), "text/plain", "a.txt", 1000, default);
        var used = await store.SaveAsync(new MemoryStream("old but used"u8.ToArray()), "text/plain", "b.txt", 1000, default);
        await fixture.StoreAsync("wamid.with.media", media: new MediaInfo { StoredId = used.Id, MimeType = "text/plain" });
        fixture.Time.Advance(TimeSpan.FromDays(40));
        var fresh = await store.SaveAsync(new MemoryStream("new orphan"u8.ToArray()), "text/plain", "c.txt", 1000, default);

        // Off by default: nothing is deleted.
        (await fixture.Job().RunOnceAsync()).ShouldNotBeNull().Media.ShouldBe(0);
        fixture.Time.Advance(TimeSpan.FromHours(2));
        var run = await fixture.Job(new RetentionOptions { Media = TimeSpan.FromDays(30) }).RunOnceAsync();

        run.ShouldNotBeNull().Media.ShouldBe(1);
        (await store.OpenAsync(orphan.Id, default)).ShouldBeNull();
        var kept = await store.OpenAsync(used.Id, default);
        kept.ShouldNotBeNull();
        await kept.Value.Content.DisposeAsync();
        var recent = await store.OpenAsync(fresh.Id, default);
        recent.ShouldNotBeNull();
        await recent.Value.Content.DisposeAsync();
    }

    // Regression: the resort's activity images are stored media no message mentions; the orphan cleanup deleted them.
    [Theory, SqliteData, PostgresData]
    public async Task RunOnce_Media_KeepsWhatAModuleUses_AndWalksPastIt(DatabaseKind kind)
    {
        await using var fixture = await Fixture.CreateAsync(kind);
        var store = fixture.MediaStore();
        var saved = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            saved.Add((await store.SaveAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"image {i}")), "image/png", null, 1000, default)).Id);
            fixture.Time.Advance(TimeSpan.FromSeconds(1));
        }

        // The module uses the three oldest: with batches of two, the cleanup must walk past them to reach the others.
        var module = new KeptMedia(saved.Take(3).ToHashSet(StringComparer.Ordinal));
        fixture.Time.Advance(TimeSpan.FromDays(40));
        var run = await fixture.Cleaner(new RetentionOptions { Media = TimeSpan.FromDays(30), BatchSize = 2 }, references: [module]).RunAsync();

        run.Media.ShouldBe(2);
        foreach (var id in saved)
        {
            var found = await store.OpenAsync(id, default);
            (found is not null).ShouldBe(module.Ids.Contains(id), id);
            if (found is { } f)
            {
                await f.Content.DisposeAsync();
            }
        }
    }

    private sealed class KeptMedia(IReadOnlySet<string> ids) : IMediaReferences
    {
        public IReadOnlySet<string> Ids => ids;

        public Task<IReadOnlySet<string>> InUseAsync(IReadOnlyCollection<string> mediaIds, CancellationToken ct) =>
            Task.FromResult<IReadOnlySet<string>>(mediaIds.Where(ids.Contains).ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public void Options_DedupWindowShorterThanEightDays_IsRefused()
    {
        var options = new RetentionOptions { PendingStatuses = TimeSpan.FromDays(7) };
        var results = new List<ValidationResult>();

        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true).ShouldBeFalse();

        results.ShouldContain(r => r.ErrorMessage!.Contains("PendingStatuses", StringComparison.Ordinal));
    }

    private sealed class Fixture : IAsyncDisposable
    {
        private const string AccountId = "ret";

        private Fixture(TestDatabase testDatabase, Database database)
        {
            TestDatabase = testDatabase;
            Database = database;
        }

        public TestDatabase TestDatabase { get; }
        public Database Database { get; }
        public ManualTimeProvider Time { get; } = new(Start);

        private Parley.Core.Observability.ParleyMetrics Metrics { get; } = new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());

        public static async Task<Fixture> CreateAsync(DatabaseKind kind)
        {
            var testDatabase = await Parley.Testing.TestDatabase.CreateAsync(kind);
            var database = new Database(kind, testDatabase.ConnectionString);
            var fixture = new Fixture(testDatabase, database);
            await new Migrator(database, [ModuleSchema.Core], fixture.Time, NullLogger<Migrator>.Instance).MigrateAsync();
            await using var c = await database.OpenAsync();
            await c.ExecuteAsync(
                "INSERT INTO accounts (id, provider, created_at, updated_at) VALUES (@AccountId, 'sandbox', 0, 0)", new { AccountId });
            return fixture;
        }

        public RetentionCleaner Cleaner(RetentionOptions? options = null, IEnumerable<IRetentionTask>? tasks = null, IEnumerable<IMediaReferences>? references = null)
        {
            var o = Options.Create(options ?? new RetentionOptions());
            return new(Database, new RetentionBatches(Database, o), tasks ?? [], references ?? [], MediaStore(), o, Time);
        }

        public RetentionJob Job(RetentionOptions? options = null, IEnumerable<IRetentionTask>? tasks = null) => new(
            Cleaner(options, tasks), new JobLease(Database), Options.Create(options ?? new RetentionOptions()), Time, new InstanceIdentity(),
            new StartupGate(), NullLogger<RetentionJob>.Instance);

        public FileMediaStore MediaStore() =>
            new(Options.Create(new ParleyOptions { DataDirectory = TestDatabase.DataDirectory }), Database, Time);

        /// <summary>Stores a webhook delivery now: optionally a message, optionally a status for a message Parley never saw.</summary>
        public Task<IntakeResult> StoreAsync(string? messageId, string? parkedStatusFor = null, MediaInfo? media = null)
        {
            var content = media is null ? MessageContent.FromText("hello") : new MessageContent { Type = MessageTypes.Document, Media = media };
            var batch = new InboundBatch(AccountId, "sandbox", "{}")
            {
                Messages = messageId is null ? [] : [new InboundMessage(messageId, new ContactRef("15550001111"), content, Time.GetUtcNow())],
                Statuses = parkedStatusFor is null ? [] : [new StatusUpdate(parkedStatusFor, MessageStatus.Delivered, Time.GetUtcNow())],
            };
            return new IntakeStore(Database, Time, new WorkSignals(), new DomainEventPublisher([], NullLogger<DomainEventPublisher>.Instance), Metrics).StoreAsync(batch);
        }

        public async Task<long> CountAsync(string table)
        {
            await using var c = await Database.OpenAsync();
            return await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
        }

        public async ValueTask DisposeAsync()
        {
            await Database.DisposeAsync();
            await TestDatabase.DisposeAsync();
        }
    }
}
