using System.Globalization;

namespace Parley.Bench;

/// <summary>The command line: <c>[--db sqlite|postgres] [--seconds N] [--rate R] [--contacts C] [--scenario ...]</c>.</summary>
public sealed record BenchOptions
{
    public const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=parley;Password=parley;Database=parley";

    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    public string Db { get; init; } = "sqlite";

    /// <summary>Admin connection string for PostgreSQL; a fresh database is created from it for each run.</summary>
    public string Postgres { get; init; } = System.Environment.GetEnvironmentVariable("PARLEY_BENCH_POSTGRES") is { Length: > 0 } pg ? pg : DefaultPostgres;

    /// <summary>Length of the measured window.</summary>
    public double Seconds { get; init; } = 20;

    /// <summary>Warm-up before the measured window (JIT, connection pools); not counted.</summary>
    public double Warmup { get; init; } = 3;

    /// <summary>Inbound message webhooks per second (open loop). Status webhooks come on top: about 3 per reply.</summary>
    public double Rate { get; init; } = 400;

    /// <summary>Distinct contacts sending (conversations); each message picks one at random.</summary>
    public int Contacts { get; init; } = 1000;

    /// <summary>Status webhooks (sent, delivered, read) sent back for each reply the fake Graph API accepts.</summary>
    public int StatusesPerReply { get; init; } = 3;

    /// <summary><c>throughput</c> (default), <c>kill</c>, <c>duplicates</c>, <c>forged</c> or <c>order</c>.</summary>
    public string Scenario { get; init; } = "throughput";

    /// <summary>Parley's <c>Parley:Workers:Concurrency</c>.</summary>
    public int Workers { get; init; } = 16;

    /// <summary>Npgsql's Maximum Pool Size for each Parley instance (PostgreSQL allows 100 connections in all by default).</summary>
    public int Pool { get; init; } = 30;

    /// <summary>Parley's garbage collector: <c>server</c> (the ASP.NET Core default) or <c>workstation</c>.</summary>
    public string Gc { get; init; } = "server";

    /// <summary>Requests in flight before the generator counts arrivals as dropped (it never waits).</summary>
    public int MaxInFlight { get; init; } = 20_000;

    /// <summary>Seconds of closed-loop load against the bare Kestrel endpoint for <c>baseline_rps</c>; 0 skips it.</summary>
    public double BaselineSeconds { get; init; } = 3;

    /// <summary>Forged webhooks per second in the <c>forged</c> scenario's second half.</summary>
    public double ForgedRate { get; init; } = 2000;

    /// <summary>Seconds between kills in the <c>kill</c> scenario.</summary>
    public double KillEvery { get; init; } = 6;

    /// <summary>Messages each contact sends in the <c>order</c> scenario (its conversations are <see cref="Contacts"/>).</summary>
    public int PerConversation { get; init; } = 10;

    /// <summary>Guests asking for holds at the same time in the <c>booking</c> scenario (closed loop).</summary>
    public int Callers { get; init; } = 32;

    /// <summary>Extra Parley settings, <c>--set Key=Value</c> (repeatable), for experiments.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extra { get; init; } = [];

    /// <summary>Extra environment variables for the Parley processes, <c>--env KEY=VALUE</c> (e.g. DOTNET_PerfMapEnabled=1 for perf).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    /// <summary>Another Parley build to run (e.g. a ReadyToRun publish); default the Parley.dll built with the bench.</summary>
    public string? ParleyDll { get; init; }

    public bool Help { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        var extra = new List<KeyValuePair<string, string>>();
        var environment = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value.");
            double Number() => double.Parse(Next(), CultureInfo.InvariantCulture);
            o = a switch
            {
                "--db" => o with { Db = Next().ToLowerInvariant() },
                "--pg" => o with { Postgres = Next() },
                "--seconds" or "--duration" => o with { Seconds = Number() },
                "--warmup" => o with { Warmup = Number() },
                "--rate" => o with { Rate = Number() },
                "--contacts" => o with { Contacts = (int)Number() },
                "--statuses" => o with { StatusesPerReply = (int)Number() },
                "--scenario" => o with { Scenario = Next().ToLowerInvariant() },
                "--workers" => o with { Workers = (int)Number() },
                "--pool" => o with { Pool = (int)Number() },
                "--parley-dll" => o with { ParleyDll = Path.GetFullPath(Next()) },
                "--gc" => o with { Gc = Next().ToLowerInvariant() },
                "--max-inflight" => o with { MaxInFlight = (int)Number() },
                "--baseline-seconds" => o with { BaselineSeconds = Number() },
                "--forged-rate" => o with { ForgedRate = Number() },
                "--kill-every" => o with { KillEvery = Number() },
                "--per-conversation" => o with { PerConversation = (int)Number() },
                "--callers" => o with { Callers = (int)Number() },
                "--set" or "--env" => o with { },
                "-h" or "--help" => o with { Help = true },
                _ => throw new ArgumentException($"Unknown argument '{a}'. Try --help."),
            };
            if (a is "--set" or "--env")
            {
                var kv = Next();
                var eq = kv.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new ArgumentException($"{a} needs Key=Value.");
                }

                (a == "--set" ? extra : environment).Add(new(kv[..eq], kv[(eq + 1)..]));
            }
        }

        if (o.Db is not ("sqlite" or "postgres"))
        {
            throw new ArgumentException("--db must be sqlite or postgres.");
        }

        if (o.Scenario is not ("throughput" or "kill" or "duplicates" or "forged" or "order" or "booking"))
        {
            throw new ArgumentException("--scenario must be throughput, kill, duplicates, forged, order or booking.");
        }

        if (o.Callers is < 1 or > 1000)
        {
            throw new ArgumentException("--callers must be in [1, 1000].");
        }

        if (o.PerConversation is < 1 or > 10_000)
        {
            throw new ArgumentException("--per-conversation must be in [1, 10000].");
        }

        if (o.Seconds is <= 0 or > 600 || o.Rate is <= 0 or > 100_000 || o.Contacts is < 1 or > 1_000_000)
        {
            throw new ArgumentException("--seconds must be in (0, 600], --rate in (0, 100000], --contacts in [1, 1000000].");
        }

        return o with { Extra = extra, Environment = environment };
    }

    public const string Usage =
        """
        Parley.Bench: load benchmark and fault scenarios against Parley's Meta webhook path.

          dotnet run -c Release --project bench/Parley.Bench -- [options]

          --db sqlite|postgres     database (default sqlite); postgres uses a fresh database per run
          --pg "conn string"       PostgreSQL admin connection (or PARLEY_BENCH_POSTGRES; default the CI one)
          --seconds N              measured window (default 20; --duration is the same); --warmup N before it (default 3)
          --rate R                 inbound message webhooks per second, open loop (default 400);
                                   about 3 status webhooks per reply come on top (--statuses K)
          --contacts C             distinct contacts / conversations (default 1000)
          --scenario NAME          throughput (default) | kill | duplicates | forged | order | booking
          --workers N              Parley:Workers:Concurrency (default 16)
          --pool N                 PostgreSQL connection pool per Parley instance (default 30)
          --gc server|workstation  Parley's GC mode (default server, ASP.NET Core's default)
          --forged-rate R          forged webhooks per second in the forged scenario (default 2000)
          --kill-every S           seconds between kill -9 in the kill scenario (default 6)
          --per-conversation N     messages per contact in the order scenario (default 10; --contacts conversations)
          --callers N              guests asking for holds at once in the booking scenario (default 32)
          --baseline-seconds S     closed-loop seconds against bare Kestrel for baseline_rps (default 3; 0 skips)
          --parley-dll PATH        run another Parley build (e.g. published with ReadyToRun)
          --set Key=Value          any extra Parley setting (repeatable)
          --env KEY=VALUE          an environment variable for Parley (repeatable), e.g. DOTNET_PerfMapEnabled=1

        Prints a table, then: RESULT ack_rps=… ack_p50_ms=… ack_p99_ms=… e2e_rps=… e2e_p50_ms=… e2e_p99_ms=… peak_rss_mb=… baseline_rps=…
        """;
}
