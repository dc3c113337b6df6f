using Dapper;
using Parley.Booking.Model;
using Parley.Core.Storage;

namespace Parley.Booking.Store;

/// <summary>Activities and their images: what the resort offers (reads for guests, writes for operators and imports).</summary>
public sealed class ActivityCatalog(Database database, TimeProvider time)
{
    public async Task<IReadOnlyList<Activity>> ListAsync(bool includeInactive = false, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<ActivityRow>(new CommandDefinition(
            $"SELECT {ActivityRow.Columns} FROM booking_activities {(includeInactive ? "" : "WHERE active = 1")} ORDER BY category, name",
            cancellationToken: ct));
        return rows.Select(r => r.ToActivity()).ToList();
    }

    public async Task<Activity?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<ActivityRow>(new CommandDefinition(
            $"SELECT {ActivityRow.Columns} FROM booking_activities WHERE id = @id", new { id }, cancellationToken: ct));
        return row?.ToActivity();
    }

    public async Task<Activity?> FindBySlugAsync(string slug, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<ActivityRow>(new CommandDefinition(
            $"SELECT {ActivityRow.Columns} FROM booking_activities WHERE slug = @slug", new { slug }, cancellationToken: ct));
        return row?.ToActivity();
    }

    public async Task<IReadOnlyList<string>> CategoriesAsync(CancellationToken ct = default) =>
        (await ListAsync(false, ct)).Select(a => a.Category).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Creates the activity, or updates the one with the same slug; returns its id.</summary>
    public async Task<long> SaveAsync(Activity activity, CancellationToken ct = default)
    {
        var now = time.NowMs();
        var args = new
        {
            activity.Slug,
            activity.Name,
            activity.NameEs,
            activity.Description,
            activity.DescriptionEs,
            activity.Category,
            activity.Tags,
            activity.PriceCents,
            activity.Currency,
            DurationMinutes = (long)activity.DurationMinutes,
            activity.MeetingPoint,
            MinAge = (long)activity.MinAge,
            DefaultCapacity = (long)activity.DefaultCapacity,
            Active = activity.Active ? 1L : 0L,
            activity.Source,
            now,
        };
        return await database.WriteAsync(w => w.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO booking_activities (slug, name, name_es, description, description_es, category, tags, price_cents, currency,
                duration_minutes, meeting_point, min_age, default_capacity, active, source, created_at, updated_at)
            VALUES (@Slug, @Name, @NameEs, @Description, @DescriptionEs, @Category, @Tags, @PriceCents, @Currency,
                @DurationMinutes, @MeetingPoint, @MinAge, @DefaultCapacity, @Active, @Source, @now, @now)
            ON CONFLICT (slug) DO UPDATE SET name = excluded.name, name_es = excluded.name_es, description = excluded.description,
                description_es = excluded.description_es, category = excluded.category, tags = excluded.tags, price_cents = excluded.price_cents,
                currency = excluded.currency, duration_minutes = excluded.duration_minutes, meeting_point = excluded.meeting_point,
                min_age = excluded.min_age, default_capacity = excluded.default_capacity, active = excluded.active, updated_at = excluded.updated_at
            RETURNING id
            """, args, w.Transaction, cancellationToken: ct)), ct);
    }

    public async Task<bool> SetActiveAsync(long id, bool active, CancellationToken ct = default) =>
        await database.WriteAsync(w => w.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE booking_activities SET active = @a, updated_at = @now WHERE id = @id",
            new { id, a = active ? 1L : 0L, now = time.NowMs() }, w.Transaction, cancellationToken: ct)), ct) == 1;

    public async Task<IReadOnlyList<ActivityImage>> ImagesAsync(long activityId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<ImageRow>(new CommandDefinition(
            $"SELECT {ImageRow.Columns} FROM booking_activity_images WHERE activity_id = @activityId ORDER BY is_primary DESC, sort_order, id",
            new { activityId }, cancellationToken: ct));
        return rows.Select(r => r.ToImage()).ToList();
    }

    /// <summary>The primary image of each activity (or its first), by activity id.</summary>
    public async Task<IReadOnlyDictionary<long, ActivityImage>> PrimaryImagesAsync(CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<ImageRow>(new CommandDefinition(
            $"SELECT {ImageRow.Columns} FROM booking_activity_images ORDER BY activity_id, is_primary DESC, sort_order, id", cancellationToken: ct));
        return rows.GroupBy(r => r.ActivityId).ToDictionary(g => g.Key, g => g.First().ToImage());
    }

    /// <summary>Whether a stored media id is one of the activities' images (only those are served publicly).</summary>
    public async Task<ActivityImage?> ImageByMediaAsync(string mediaId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QueryFirstOrDefaultAsync<ImageRow>(new CommandDefinition(
            $"SELECT {ImageRow.Columns} FROM booking_activity_images WHERE media_id = @mediaId", new { mediaId }, cancellationToken: ct));
        return row?.ToImage();
    }

    /// <summary>Adds an image at the end; the first image of an activity, or one marked so, becomes the primary.</summary>
    public async Task<long> AddImageAsync(long activityId, string mediaId, string mimeType, string altText, bool primary, CancellationToken ct = default) =>
        await database.WriteAsync(async w =>
        {
            var count = await w.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM booking_activity_images WHERE activity_id = @activityId", new { activityId }, w.Transaction, cancellationToken: ct));
            var makePrimary = primary || count == 0;
            if (makePrimary)
            {
                await w.Connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE booking_activity_images SET is_primary = 0 WHERE activity_id = @activityId", new { activityId }, w.Transaction, cancellationToken: ct));
            }

            return await w.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO booking_activity_images (activity_id, media_id, mime_type, alt_text, sort_order, is_primary, created_at)
                VALUES (@activityId, @mediaId, @mimeType, @altText, @order, @primary, @now) RETURNING id
                """,
                new { activityId, mediaId, mimeType, altText, order = count, primary = makePrimary ? 1L : 0L, now = time.NowMs() }, w.Transaction, cancellationToken: ct));
        }, ct);

    public async Task<bool> SetPrimaryImageAsync(long activityId, long imageId, CancellationToken ct = default) =>
        await database.WriteAsync(async w =>
        {
            var exists = await w.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM booking_activity_images WHERE id = @imageId AND activity_id = @activityId", new { activityId, imageId }, w.Transaction, cancellationToken: ct));
            if (exists == 0)
            {
                return false;
            }

            await w.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE booking_activity_images SET is_primary = CASE WHEN id = @imageId THEN 1 ELSE 0 END WHERE activity_id = @activityId",
                new { activityId, imageId }, w.Transaction, cancellationToken: ct));
            return true;
        }, ct);

    /// <summary>Moves an image one place earlier (-1) or later (+1) in its activity's order.</summary>
    public async Task MoveImageAsync(long activityId, long imageId, int direction, CancellationToken ct = default)
    {
        var images = (await ImagesAsync(activityId, ct)).OrderBy(i => i.SortOrder).ThenBy(i => i.Id).ToList();
        var index = images.FindIndex(i => i.Id == imageId);
        var other = index + Math.Sign(direction);
        if (index < 0 || other < 0 || other >= images.Count)
        {
            return;
        }

        (images[index], images[other]) = (images[other], images[index]);
        await database.WriteAsync(async w =>
        {
            for (var i = 0; i < images.Count; i++)
            {
                await w.Connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE booking_activity_images SET sort_order = @i WHERE id = @id", new { i = (long)i, id = images[i].Id }, w.Transaction, cancellationToken: ct));
            }

            return true;
        }, ct);
    }

    public async Task<bool> DeleteImageAsync(long activityId, long imageId, CancellationToken ct = default) =>
        await database.WriteAsync(w => w.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM booking_activity_images WHERE id = @imageId AND activity_id = @activityId", new { activityId, imageId }, w.Transaction, cancellationToken: ct)), ct) == 1;
}
