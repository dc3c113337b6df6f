using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Parley.Core.Redis;
using StackExchange.Redis;
using Xunit;

namespace Parley.Testing;

/// <summary>
/// The real Redis for tests, when <c>PARLEY_TEST_REDIS</c> holds a configuration string (CI sets it to
/// <c>127.0.0.1:6379</c>; see .ci/run). Each test uses its own key prefix, so tests never see each other's keys.
/// </summary>
public static class TestRedis
{
    public const string Variable = "PARLEY_TEST_REDIS";

    public static string? Configuration => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } c ? c : null;

    /// <summary>A fresh key prefix for one test.</summary>
    public static string NewPrefix() => $"parley-test:{Guid.NewGuid():N}:";

    /// <summary>
    /// A <see cref="RedisConnection"/> to <paramref name="configuration"/> (default: the test Redis). Straight to the test
    /// Redis, an operation may take 10 s before the connection falls back to in-process: on a loaded machine (other test
    /// assemblies run at the same time) the default 1 s was sometimes exceeded, and a test about the shared window then
    /// saw one instance decide alone. Through a proxy (<paramref name="configuration"/> given), outages are the point, so
    /// the default timeout stays.
    /// </summary>
    public static RedisConnection Connect(string prefix, string? configuration = null, ILogger<RedisConnection>? logger = null)
    {
        var options = new RedisOptions { Configuration = configuration ?? Configuration, KeyPrefix = prefix };
        if (configuration is null)
        {
            options.OperationTimeout = TimeSpan.FromSeconds(10);
        }

        return new(Options.Create(options), TimeProvider.System, logger ?? NullLogger<RedisConnection>.Instance);
    }

    /// <summary>Calls <paramref name="probe"/> until it is true (Redis connects and reconnects in the background).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> probe, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (!await probe())
        {
            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"Gave up waiting: {what}.");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>The keys under a prefix, read straight from the test Redis (not through Parley).</summary>
    public static async Task<IReadOnlyList<string>> KeysAsync(string prefix)
    {
        // SCAN runs synchronously in this client: a generous timeout, for a machine busy with the rest of the suite.
        var options = ConfigurationOptions.Parse(Configuration!);
        options.SyncTimeout = 15_000;
        using var admin = await ConnectionMultiplexer.ConnectAsync(options);
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        return await Task.Run(() => server.Keys(pattern: prefix + "*").Select(k => k.ToString()).ToList());
    }
}

/// <summary>A fact that needs Redis; reported skipped without <c>PARLEY_TEST_REDIS</c>.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (TestRedis.Configuration is null)
        {
            Skip = $"Needs Redis: set {TestRedis.Variable} (e.g. 127.0.0.1:6379; .ci/run sets it).";
        }
    }
}

/// <summary>Runs a theory on the given database with Redis; reported skipped without <c>PARLEY_TEST_REDIS</c> (and, for PostgreSQL, without <c>PARLEY_TEST_POSTGRES</c>).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class RedisDataAttribute : Xunit.Sdk.DataAttribute
{
    private readonly Parley.Core.Storage.DatabaseKind _kind;

    public RedisDataAttribute(Parley.Core.Storage.DatabaseKind kind)
    {
        _kind = kind;
        if (TestRedis.Configuration is null)
        {
            Skip = $"Needs Redis: set {TestRedis.Variable} (e.g. 127.0.0.1:6379; .ci/run sets it).";
        }
        else if (kind == Parley.Core.Storage.DatabaseKind.Postgres && TestDatabase.PostgresConnectionString is null)
        {
            Skip = $"Needs PostgreSQL too: set {TestDatabase.PostgresVariable}.";
        }
    }

    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) => [[_kind]];
}
