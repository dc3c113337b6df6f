using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Parley.Core.Redis;

/// <summary>
/// The shared Redis connection (StackExchange.Redis 1.2.6, the client the feed offers) and its health. Callers go
/// through <see cref="TryAsync{T}"/>: when Redis is not configured, still connecting, down, or slower than
/// <see cref="RedisOptions.OperationTimeout"/>, the call reports not-ok and the caller falls back to its in-process
/// implementation. An outage is logged once when it starts and once when it ends; after a failure Redis is left
/// alone for <see cref="RetryAfterFailure"/> so a dead server does not cost every message a timeout.
/// </summary>
public sealed class RedisConnection(IOptions<RedisOptions> options, TimeProvider time, ILogger<RedisConnection> logger) : IAsyncDisposable
{
    /// <summary>How long the in-process path is used after a failed call before Redis is tried again.</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private Task<ConnectionMultiplexer?>? _connecting;
    private ConnectionMultiplexer? _multiplexer;
    private int _down;
    private long _retryAt;
    private string? _lastError;
    private bool _disposed;

    public bool Enabled => options.Value.Enabled;

    /// <summary>A key under <see cref="RedisOptions.KeyPrefix"/>.</summary>
    public RedisKey Key(string name) => options.Value.KeyPrefix + name;

    public RedisState State => !Enabled ? RedisState.NotConfigured
        : Volatile.Read(ref _down) == 1 ? RedisState.Unavailable
        : _multiplexer is null ? RedisState.Connecting
        : RedisState.Available;

    /// <summary>Why Redis was last found unavailable (no secrets: exception type and message of the client).</summary>
    public string? LastError => _lastError;

    /// <summary>Runs <paramref name="operation"/> on Redis, or reports not-ok when Redis cannot serve it now.</summary>
    public async Task<RedisAttempt<T>> TryAsync<T>(Func<IDatabase, Task<T>> operation, CancellationToken ct)
    {
        var database = Ready();
        if (database is null)
        {
            return default;
        }

        Task<T>? task = null;
        try
        {
            // The client can also throw before it returns a task (no connection at all).
            task = operation(database);
            var value = await task.WaitAsync(options.Value.OperationTimeout, time, ct);
            Succeeded();
            return new RedisAttempt<T>(true, value);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // A timed-out call may still fail later: observe it so it is not reported as unobserved.
            _ = task?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            Failed(ex);
            return default;
        }
    }

    /// <summary>A round trip regardless of the back-off (for the health check): true when Redis answered.</summary>
    public async Task<bool> PingAsync(CancellationToken ct)
    {
        if (!Enabled)
        {
            return false;
        }

        var multiplexer = Connect();
        if (multiplexer is null)
        {
            return false;
        }

        try
        {
            await multiplexer.GetDatabase().PingAsync().WaitAsync(options.Value.OperationTimeout, time, ct);
            Succeeded();
            return true;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            Failed(ex);
            return false;
        }
    }

    /// <summary>The database when Redis may be used now; null for the in-process path.</summary>
    private IDatabase? Ready()
    {
        if (!Enabled)
        {
            return null;
        }

        var multiplexer = Connect();
        if (multiplexer is null)
        {
            return null;
        }

        if (Volatile.Read(ref _down) == 1 && time.GetTimestamp() < Interlocked.Read(ref _retryAt))
        {
            return null;
        }

        if (!multiplexer.IsConnected)
        {
            Failed(null);
            return null;
        }

        return multiplexer.GetDatabase();
    }

    /// <summary>The multiplexer once the first connection attempt finished (it reconnects by itself after that).</summary>
    private ConnectionMultiplexer? Connect()
    {
        if (_multiplexer is { } ready)
        {
            return ready;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return null;
            }

            _connecting ??= ConnectAsync();
        }

        return null;
    }

    private async Task<ConnectionMultiplexer?> ConnectAsync()
    {
        try
        {
            var configuration = ConfigurationOptions.Parse(options.Value.Configuration!);
            // Start even when Redis is down, and keep reconnecting in the background.
            configuration.AbortOnConnectFail = false;
            configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, 3000);
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
            multiplexer.ConnectionFailed += (_, e) => Failed(e.Exception, e.FailureType.ToString());
            lock (_gate)
            {
                if (_disposed)
                {
                    multiplexer.Dispose();
                    return null;
                }

                _multiplexer = multiplexer;
            }

            if (multiplexer.IsConnected)
            {
                logger.LogInformation("Redis connected ({Endpoints}); rate limits and the data source cache are shared across instances",
                    string.Join(", ", configuration.EndPoints.Select(e => e.ToString())));
            }
            else
            {
                Failed(null, "no connection at start");
            }

            return multiplexer;
        }
        catch (Exception ex)
        {
            // A configuration string that does not parse: say so once and stay in-process; the health check reports it.
            Failed(ex);
            lock (_gate)
            {
                _connecting = null;
            }

            return null;
        }
    }

    private void Succeeded()
    {
        if (Interlocked.Exchange(ref _down, 0) == 1)
        {
            logger.LogInformation("Redis is reachable again; rate limits and the data source cache are shared across instances again");
        }
    }

    private void Failed(Exception? ex, string? what = null)
    {
        _lastError = ex is null ? what ?? "not connected" : $"{ex.GetType().Name}: {ex.Message}";
        Interlocked.Exchange(ref _retryAt, time.GetTimestamp() + (long)(RetryAfterFailure.TotalSeconds * time.TimestampFrequency));
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            logger.LogWarning("Redis is unavailable ({Error}); rate limits and the data source cache fall back to this instance until it returns", _lastError);
        }
    }

    public ValueTask DisposeAsync()
    {
        ConnectionMultiplexer? multiplexer;
        lock (_gate)
        {
            _disposed = true;
            multiplexer = _multiplexer;
            _multiplexer = null;
        }

        multiplexer?.Dispose();
        return ValueTask.CompletedTask;
    }
}
