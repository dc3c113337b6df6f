using Dapper;
using Microsoft.Extensions.Options;
using Parley.Core.Storage;

namespace Parley.Core.Maintenance;

/// <summary>
/// Deletes in small batches, each its own short transaction, and stops after <see cref="MaxBatches"/>: the rest waits for
/// the next pass, so retention never holds the writer for long.
/// </summary>
public sealed class RetentionBatches(Database database, IOptions<RetentionOptions> options)
{
    /// <summary>Upper bound on batches per table per pass.</summary>
    public const int MaxBatches = 200;

    public int BatchSize => options.Value.BatchSize;

    /// <summary>
    /// Runs <paramref name="sql"/> (a DELETE of at most <c>@batch</c> rows older than <c>@cutoff</c>) until a batch deletes
    /// fewer than a full batch; returns the rows deleted.
    /// </summary>
    public async Task<long> DeleteAsync(string sql, long cutoff, CancellationToken ct)
    {
        long total = 0;
        for (var i = 0; i < MaxBatches; i++)
        {
            int deleted;
            await using (var c = await database.OpenAsync(ct))
            await using (var tx = await database.BeginWriteAsync(c, ct))
            {
                deleted = await c.ExecuteAsync(new CommandDefinition(sql, new { cutoff, batch = BatchSize }, tx, cancellationToken: ct));
                await tx.CommitAsync(ct);
            }

            total += deleted;
            if (deleted < BatchSize)
            {
                break;
            }
        }

        return total;
    }
}
