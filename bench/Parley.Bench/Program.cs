using System.Globalization;
using Parley.Bench;

// Baseline server mode: the bench runs itself as the bare Kestrel endpoint it compares Parley with.
if (args is ["--serve-baseline", var port])
{
    return await Baseline.ServeAsync(int.Parse(port, CultureInfo.InvariantCulture));
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

// Every loop in the bench is bounded; this is the last resort if something hangs anyway.
using var watchdog = new Timer(_ =>
{
    Console.Error.WriteLine("Parley.Bench: the run exceeded its time limit; giving up.");
    Environment.Exit(3);
}, null, TimeSpan.FromSeconds(options.Seconds + options.Warmup + 300), Timeout.InfiniteTimeSpan);

try
{
    return options.Scenario switch
    {
        "kill" => await KillScenario.RunAsync(options),
        "duplicates" => await DuplicatesScenario.RunAsync(options),
        "forged" => await ForgedScenario.RunAsync(options),
        "order" => await OrderScenario.RunAsync(options),
        "booking" => await BookingScenario.RunAsync(options),
        _ => await ThroughputScenario.RunAsync(options),
    };
}
catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException or Npgsql.NpgsqlException)
{
    await Console.Error.WriteLineAsync($"Parley.Bench failed: {ex.Message}");
    return 1;
}
