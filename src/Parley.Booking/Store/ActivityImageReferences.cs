using Dapper;
using Parley.Core.Media;
using Parley.Core.Storage;

namespace Parley.Booking.Store;

/// <summary>The activities' images are stored media no message mentions: the orphaned-media retention must keep them.</summary>
public sealed class ActivityImageReferences(Database database) : IMediaReferences
{
    public async Task<IReadOnlySet<string>> InUseAsync(IReadOnlyCollection<string> mediaIds, CancellationToken ct)
    {
        if (mediaIds.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        await using var c = await database.OpenAsync(ct);
        var used = await c.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT media_id FROM booking_activity_images WHERE media_id IN @mediaIds", new { mediaIds }, cancellationToken: ct));
        return used.ToHashSet(StringComparer.Ordinal);
    }
}
