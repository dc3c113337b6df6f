using System.Diagnostics.Metrics;
using Dapper;
using Microsoft.Extensions.Logging;
using Parley.Core.Storage;

namespace Parley.Core.Observability;

/// <summary>
/// The queue depth gauge's source: the pending counters on the conversation rows, summed (the partial work indexes
/// make it cheap). Observable instruments are read synchronously on every scrape, so the gauge answers from a cached
/// value and refreshes it in the background at most every <see cref="MaxAge"/>: a scrape never waits on the database.
/// </summary>
public sealed class QueueDepthProbe(Database database, TimeProvider time, ILogger<QueueDepthProbe> logger)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private const string Sql =
        """
        SELECT (SELECT COALESCE(SUM(in_pending), 0) FROM conversations WHERE in_pending > 0) AS inbound,
               (SELECT COALESCE(SUM(out_pending), 0) FROM conversations WHERE out_pending > 0) AS outbound
        """;

    private Depths? _value;
    private long _readAt = long.MinValue;
    private int _refreshing;

    /// <summary>The last value read, starting a refresh when it is older than <see cref="MaxAge"/>.</summary>
    public IEnumerable<Measurement<long>> Observe()
    {
        var now = time.GetTimestamp();
        if ((Interlocked.Read(ref _readAt) == long.MinValue || time.GetElapsedTime(Interlocked.Read(ref _readAt), now) >= MaxAge)
            && Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0)
        {
            _ = RefreshAsync();
        }

        if (Volatile.Read(ref _value) is not { } v)
        {
            return [];
        }

        return
        [
            new Measurement<long>(v.Inbound, new KeyValuePair<string, object?>("queue", "inbound")),
            new Measurement<long>(v.Outbound, new KeyValuePair<string, object?>("queue", "outbound")),
        ];
    }

    /// <summary>Reads the depths now (also used by the first scrape's caller in tests).</summary>
    public async Task<(long Inbound, long Outbound)> ReadAsync(CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleAsync<(long inbound, long outbound)>(new CommandDefinition(Sql, cancellationToken: ct));
        Volatile.Write(ref _value, new Depths(row.inbound, row.outbound));
        Interlocked.Exchange(ref _readAt, time.GetTimestamp());
        return (row.inbound, row.outbound);
    }

    private sealed record Depths(long Inbound, long Outbound);

    private async Task RefreshAsync()
    {
        try
        {
            await ReadAsync();
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            // The gauge keeps its last value; health checks report the database itself.
            logger.LogDebug(ex, "Reading the queue depths failed");
            Interlocked.Exchange(ref _readAt, time.GetTimestamp());
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }
}
