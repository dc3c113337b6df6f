using System.Diagnostics;
using System.Globalization;

namespace Parley.Bench;

/// <summary>
/// Everything one bench run needs, started in order and torn down in reverse: the fake Graph API, a fresh database,
/// Parley instances (child processes) and the load generator wired so every reply the fake accepts is followed by
/// its status webhooks (sent, delivered, read) and its echo is matched to the message it answers.
/// </summary>
public sealed class BenchRun : IAsyncDisposable
{
    private static readonly TimeSpan[] StatusDelays = [TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(120)];
    private static readonly string[] StatusNames = ["sent", "delivered", "read"];

    private readonly List<ChildProcess?> _instances = [];
    private readonly Lock _instancesLock = new();
    private readonly Random _random = new(42);
    private long _nextSeq;

    private BenchRun(BenchOptions options, FakeGraphApi fake, BenchDatabase database, string logDirectory)
    {
        Options = options;
        Fake = fake;
        Database = database;
        LogDirectory = logDirectory;
        RunTag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        Generator = new LoadGenerator(Route, Traffic.Completed, options.MaxInFlight);
        fake.OnReply = OnReply;
    }

    public BenchOptions Options { get; }
    public FakeGraphApi Fake { get; }
    public BenchDatabase Database { get; }
    public Traffic Traffic { get; } = new();
    public LoadGenerator Generator { get; }
    public string LogDirectory { get; }
    public string RunTag { get; }

    /// <summary>When false, replies are not followed by status webhooks (after the measured window).</summary>
    public bool SendStatuses { get; set; } = true;

    public IReadOnlyList<ChildProcess?> Instances
    {
        get
        {
            lock (_instancesLock)
            {
                return [.. _instances];
            }
        }
    }

    public static async Task<BenchRun> StartAsync(BenchOptions options)
    {
        var fake = await FakeGraphApi.StartAsync();
        var database = await BenchDatabase.CreateAsync(options.Db, options.Postgres, options.Pool);
        // Outside the data directory, which is deleted at the end: the child processes' consoles stay for a post-mortem.
        var logs = Path.Combine(Path.GetTempPath(), "parley-bench", "logs-" + Path.GetFileName(database.Directory));
        return new BenchRun(options, fake, database, logs);
    }

    /// <summary>Parley's settings for this run: the database, the Meta account at the fake, throughput-friendly limits.</summary>
    public Dictionary<string, string> ParleySettings()
    {
        var settings = Database.Settings();
        foreach (var (k, v) in MetaWire.AccountSettings(Fake.ApiBaseUrl))
        {
            settings[k] = v;
        }

        settings["Parley:Sandbox:Enabled"] = "false";
        settings["Parley:Meta:TemplateSyncInterval"] = "00:00:00";
        settings["Parley:Outbound:MessagesPerSecond"] = "100000";
        settings["Parley:Outbound:PairInterval"] = "00:00:00";
        settings["Parley:Workers:Concurrency"] = Options.Workers.ToString(CultureInfo.InvariantCulture);
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (k, v) in Options.Extra)
        {
            settings[k] = v;
        }

        return settings;
    }

    /// <summary>Starts (or restarts, in its slot) Parley instance <paramref name="index"/> on <paramref name="port"/>.</summary>
    public async Task<ChildProcess> StartInstanceAsync(int index, int? port = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_gcServer"] = Options.Gc == "workstation" ? "0" : "1",
        };
        foreach (var (k, v) in Options.Environment)
        {
            environment[k] = v;
        }

        var child = await ChildProcess.StartParleyAsync($"parley{index}", port ?? ChildProcess.FreePort(), ParleySettings(), LogDirectory, environment, Options.ParleyDll);
        lock (_instancesLock)
        {
            while (_instances.Count <= index)
            {
                _instances.Add(null);
            }

            _instances[index] = child;
        }

        return child;
    }

    /// <summary>Kills instance <paramref name="index"/> with SIGKILL and takes it out of the routing until it is restarted.</summary>
    public async Task<ChildProcess> KillInstanceAsync(int index)
    {
        ChildProcess child;
        lock (_instancesLock)
        {
            child = _instances[index]!;
            _instances[index] = null;
        }

        await child.KillAsync();
        return child;
    }

    /// <summary>The next new message from a random contact (first delivery).</summary>
    public Outgoing NewMessage(long intended)
    {
        int contact;
        lock (_random)
        {
            contact = _random.Next(Options.Contacts);
        }

        return NewMessage(intended, contact);
    }

    /// <summary>The next new message from contact <paramref name="contact"/> (first delivery), written at <paramref name="unixSeconds"/> (default now).</summary>
    public Outgoing NewMessage(long intended, int contact, long? unixSeconds = null)
    {
        var seq = Interlocked.Increment(ref _nextSeq);
        var waId = MetaWire.WaId(contact);
        var wamid = MetaWire.MessageId(RunTag, seq);
        var body = MetaWire.Inbound(waId, wamid, MetaWire.Text(seq), unixSeconds ?? TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(), contact);
        var message = new SentMessage(seq, contact, waId, wamid, body, MetaWire.Sign(body), intended);
        Traffic.Messages[seq] = message;
        Interlocked.Increment(ref message.Deliveries);
        return new Outgoing(RequestKind.Message, body, message.Signature, seq);
    }

    /// <summary>The same delivery again, byte for byte (Meta's redelivery).</summary>
    public static Outgoing Redelivery(SentMessage message, RequestKind kind = RequestKind.Duplicate)
    {
        Interlocked.Increment(ref message.Deliveries);
        return new Outgoing(kind, message.Body, message.Signature, message.Seq);
    }

    public int NextInstanceRoundRobin(long tag)
    {
        var live = Instances;
        for (var i = 0; i < live.Count; i++)
        {
            var candidate = (int)((tag + i) % live.Count);
            if (live[candidate] is { HasExited: false })
            {
                return candidate;
            }
        }

        return -1;
    }

    private (Uri Url, int Instance)? Route(Outgoing request)
    {
        var live = Instances;
        var index = request.Instance >= 0 && request.Instance < live.Count && live[request.Instance] is not null ? request.Instance : NextInstanceRoundRobin(request.Tag);
        if (index < 0 || live[index] is not { } child)
        {
            return null;
        }

        return (new Uri(child.BaseUrl, $"/webhooks/meta/{MetaWire.AccountId}"), index);
    }

    private void OnReply(ReceivedReply reply)
    {
        if (reply.Seq is { } seq)
        {
            Traffic.Answered(seq, reply.ReceivedAt);
        }

        if (!SendStatuses)
        {
            return;
        }

        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        for (var i = 0; i < Math.Min(Options.StatusesPerReply, StatusNames.Length); i++)
        {
            var body = MetaWire.Status(reply.Wamid, StatusNames[i], reply.To, now);
            Generator.Schedule(reply.ReceivedAt + LoadGenerator.Ticks(StatusDelays[i]), new Outgoing(RequestKind.Status, body, MetaWire.Sign(body), reply.Seq ?? -1));
        }
    }

    /// <summary>Waits until every acknowledged message of <paramref name="which"/> is answered, or no answer came for <paramref name="quiet"/>, or <paramref name="max"/> passed.</summary>
    public async Task<int> WaitForAnswersAsync(Func<SentMessage, bool> which, TimeSpan quiet, TimeSpan max)
    {
        var deadline = Stopwatch.GetTimestamp() + LoadGenerator.Ticks(max);
        var lastProgress = Stopwatch.GetTimestamp();
        var lastMissing = int.MaxValue;
        while (true)
        {
            var missing = Traffic.Messages.Values.Count(m => which(m) && m.Acked && m.Replies == 0);
            if (missing == 0)
            {
                return 0;
            }

            if (missing < lastMissing)
            {
                lastMissing = missing;
                lastProgress = Stopwatch.GetTimestamp();
            }

            if (Stopwatch.GetTimestamp() > deadline || Stopwatch.GetElapsedTime(lastProgress) > quiet)
            {
                return missing;
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var child in Instances)
        {
            if (child is not null)
            {
                await child.DisposeAsync();
            }
        }

        Generator.Dispose();
        await Fake.DisposeAsync();
        await Database.DisposeAsync();
    }
}
