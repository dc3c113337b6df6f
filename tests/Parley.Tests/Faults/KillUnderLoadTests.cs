using System.Diagnostics;
using System.Globalization;
using Dapper;

namespace Parley.Tests.Faults;

/// <summary>
/// <c>kill -9</c> of a Parley process, again and again, under webhook load (the real binary, see <see cref="ParleyProcess"/>).
/// Every acknowledged webhook must be stored once and answered once, and the work the killed process held must be
/// taken over when its lease runs out. A kill between Meta accepting a reply and Parley recording that can make the
/// reply go twice (Meta has no idempotency key), so up to kills × workers duplicate sends are allowed and reported.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class KillUnderLoadTests(ITestOutputHelper output)
{
    private const int Workers = 4;
    private const int Kills = 3;

    /// <summary>Two instances share the database and the webhooks; the first is killed and restarted, the second takes over.</summary>
    [PostgresFact]
    public Task TwoInstancesOnPostgres_OneKilledRepeatedly_EveryAckedMessageStoredAndAnsweredOnce() =>
        RunAsync(DatabaseKind.Postgres, instances: 2);

    /// <summary>One instance, killed and restarted: deliveries meanwhile get no answer and Meta (the load) redelivers them.</summary>
    [Fact]
    public Task OneInstanceOnSqlite_KilledThreeTimes_EveryAckedMessageStoredAndAnsweredOnce() =>
        RunAsync(DatabaseKind.Sqlite, instances: 1);

    private async Task RunAsync(DatabaseKind kind, int instances)
    {
        await using var graph = await FakeMetaGraph.StartAsync();
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var check = new Database(kind, database.ConnectionString);
        var settings = FaultSettings.For(graph, new Dictionary<string, string?>(database.Settings())
        {
            ["Parley:Workers:Concurrency"] = Workers.ToString(CultureInfo.InvariantCulture),
            // Short leases: a killed process's conversations are taken over within seconds.
            ["Parley:Workers:LeaseDuration"] = "00:00:05",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        });
        await using var cluster = new Cluster(settings, instances);
        await Task.WhenAll(Enumerable.Range(0, instances).Select(cluster.StartAsync));
        var ledger = new FaultLedger();
        var load = new FaultLoad(ledger, cluster.Live) { Contacts = 40, ContactPrefix = "1650557" };

        using var stopLoad = new CancellationTokenSource();
        var running = load.RunAsync(rate: 20, duration: TimeSpan.FromSeconds(90), stopLoad.Token);
        for (var kill = 1; kill <= Kills; kill++)
        {
            // Each kill under load: some webhooks acknowledged since the last restart.
            var acked = ledger.Messages.Count(m => m.Acked);
            await FaultLoad.Until(() => ledger.Messages.Count(m => m.Acked) >= acked + 30, "webhooks acknowledged before the kill");
            var pid = await cluster.KillAsync(0);
            var held = await HeldByAsync(check, pid);
            var restart = Stopwatch.StartNew();
            await cluster.StartAsync(0);
            output.WriteLine($"kill {kill}: process {pid} held {held} conversation lane(s); restarted in {restart.Elapsed.TotalSeconds:0.0} s");
        }

        // A little more load after the last restart, then let the deliveries finish.
        var ackedAfter = ledger.Messages.Count(m => m.Acked);
        await FaultLoad.Until(() => ledger.Messages.Count(m => m.Acked) >= ackedAfter + 20, "webhooks acknowledged after the last restart");
        await stopLoad.CancelAsync();
        await running;
        await load.DrainAsync(TimeSpan.FromSeconds(90));
        var outcome = await ledger.SettleAsync(check, graph, TimeSpan.FromSeconds(120));
        output.WriteLine(outcome.ToString());
        output.WriteLine($"duplicate sends at the fake Graph API: {outcome.DuplicateSends} (allowed: {Kills} kills x {Workers} workers = {Kills * Workers})");

        outcome.ShouldBeClean(allowedDuplicateSends: Kills * Workers);
        (await HeldByAsync(check, null)).ShouldBe(0, "no conversation is left with pending work");
    }

    /// <summary>Conversation lanes leased by process <paramref name="pid"/>; with null, lanes that still have pending work.</summary>
    private static async Task<long> HeldByAsync(Database database, int? pid)
    {
        await using var c = await database.OpenAsync();
        return pid is { } p
            ? await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM conversations WHERE in_lease_owner LIKE @owner OR out_lease_owner LIKE @owner", new { owner = $"{p}:%" })
            : await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM conversations WHERE in_pending > 0 OR out_pending > 0");
    }

    /// <summary>Parley processes in numbered slots, and an HTTP client for each live one (what the load sends to).</summary>
    private sealed class Cluster(IDictionary<string, string?> settings, int size) : IAsyncDisposable
    {
        private readonly Lock _lock = new();
        private readonly (ParleyProcess Process, HttpClient Client)?[] _slots = new (ParleyProcess, HttpClient)?[size];
        // Clients of killed processes are disposed only at the end: deliveries may still be using them.
        private readonly List<HttpClient> _clients = [];
        private readonly List<ParleyProcess> _processes = [];

        public IReadOnlyList<HttpClient> Live()
        {
            lock (_lock)
            {
                return [.. _slots.Where(s => s is not null).Select(s => s!.Value.Client)];
            }
        }

        public async Task StartAsync(int slot)
        {
            var (process, url) = await ParleyProcess.StartServerAsync(settings, TimeSpan.FromSeconds(90));
            var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
            lock (_lock)
            {
                _slots[slot] = (process, client);
                _clients.Add(client);
                _processes.Add(process);
            }
        }

        /// <summary>Kills the slot's process (SIGKILL) in the middle of its requests, then takes it out of the load; returns its process id.</summary>
        public async Task<int> KillAsync(int slot)
        {
            ParleyProcess process;
            lock (_lock)
            {
                process = _slots[slot]!.Value.Process;
            }

            var pid = process.Id;
            await process.KillAsync();
            lock (_lock)
            {
                _slots[slot] = null;
            }

            return pid;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var process in _processes)
            {
                await process.DisposeAsync();
            }

            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }
    }
}
