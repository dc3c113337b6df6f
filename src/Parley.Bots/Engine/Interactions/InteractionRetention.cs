using Microsoft.Extensions.Options;
using Parley.Core.Maintenance;
using Parley.Core.Storage;

namespace Parley.Bots.Engine.Interactions;

/// <summary>Deletes interaction log entries older than <c>Parley:Retention:InteractionLogs</c>, when that is set.</summary>
public sealed class InteractionRetention(RetentionBatches batches, IOptions<InteractionRetentionOptions> options, TimeProvider time) : IRetentionTask
{
    public string Name => "interaction_logs";

    public async Task<long> RunAsync(CancellationToken ct)
    {
        if (options.Value.InteractionLogs is not { } keep)
        {
            return 0;
        }

        return await batches.DeleteAsync(
            "DELETE FROM bot_interactions WHERE id IN (SELECT id FROM bot_interactions WHERE created_at < @cutoff ORDER BY id LIMIT @batch)",
            time.NowMs() - (long)keep.TotalMilliseconds, ct);
    }
}
