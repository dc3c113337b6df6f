using Dapper;
using Parley.Booking.Import;
using Parley.Booking.Store;
using Parley.Core.Media;
using Parley.Core.Storage;

namespace Parley.Booking.Admin;

/// <summary>
/// An operator's changes to the catalogue: activities created and edited from <see cref="ActivityForm"/>, pictures
/// uploaded (only real JPEG or PNG images, told by their content, stored through the media store) and their alt text.
/// </summary>
public sealed class ActivityEditor(ActivityCatalog catalog, IMediaStore media, Database database)
{
    /// <summary>The largest picture accepted (WhatsApp sends images up to 5 MB).</summary>
    public const long MaxImageBytes = 5 * 1024 * 1024;

    /// <summary>Creates an activity (<paramref name="id"/> null; its slug made from the name, unique) or updates one.</summary>
    public async Task<ActivitySaveResult> SaveAsync(long? id, ActivityForm form, CancellationToken ct = default)
    {
        var errors = form.Validate();
        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        if (id is { } existingId)
        {
            var existing = await catalog.FindAsync(existingId, ct);
            if (existing is null)
            {
                return new(null, new Dictionary<string, string> { ["id"] = $"There is no activity {existingId}." });
            }

            // Saved by its slug: the same row, every field from the form (the Spanish texts and tags included).
            await catalog.SaveAsync(form.ToActivity(existing.Slug, existing), ct);
            return new(existingId, errors);
        }

        var slug = await FreeSlugAsync(ActivityForm.Slugify(form.Name), ct);
        return new(await catalog.SaveAsync(form.ToActivity(slug), ct), errors);
    }

    /// <summary>
    /// Adds a picture to an activity when its content is a JPEG or PNG image of at most <see cref="MaxImageBytes"/>
    /// (its name and declared type prove nothing); anything else is refused with a sentence saying why.
    /// </summary>
    public async Task<ImageUploadResult> UploadImageAsync(long activityId, Stream content, string fileName, string? altText, bool primary, CancellationToken ct = default)
    {
        var activity = await catalog.FindAsync(activityId, ct);
        if (activity is null)
        {
            return new(null, $"There is no activity {activityId}.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxImageBytes)
            {
                return new(null, $"{fileName} is larger than {MaxImageBytes / (1024 * 1024)} MB: make the picture smaller and upload it again.");
            }
        }

        if (buffer.Length == 0)
        {
            return new(null, $"{fileName} is empty: choose a JPEG or PNG picture.");
        }

        var mime = ImageSniffer.MimeType(buffer.GetBuffer().AsSpan(0, (int)Math.Min(buffer.Length, 16)));
        if (mime is null)
        {
            return new(null, $"{fileName} is not an image: its content is not a JPEG or PNG picture, whatever its name says. Upload a .jpg or .png photo.");
        }

        buffer.Position = 0;
        var name = ActivityForm.Slugify(Path.GetFileNameWithoutExtension(fileName)) + (mime == "image/png" ? ".png" : ".jpg");
        var stored = await media.SaveAsync(buffer, mime, name, MaxImageBytes, ct);
        var alt = string.IsNullOrWhiteSpace(altText) ? activity.Name : altText.Trim();
        var imageId = await catalog.AddImageAsync(activityId, stored.Id, mime, alt, primary, ct);
        return new((await catalog.ImagesAsync(activityId, ct)).Single(i => i.Id == imageId), null);
    }

    /// <summary>Changes a picture's alt text (what screen readers say); an empty one is refused.</summary>
    public async Task<bool> SetAltTextAsync(long activityId, long imageId, string altText, CancellationToken ct = default) =>
        !string.IsNullOrWhiteSpace(altText) && await database.WriteAsync(w => w.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE booking_activity_images SET alt_text = @alt WHERE id = @imageId AND activity_id = @activityId",
            new { activityId, imageId, alt = altText.Trim() }, w.Transaction, cancellationToken: ct)), ct) == 1;

    private async Task<string> FreeSlugAsync(string slug, CancellationToken ct)
    {
        var candidate = slug;
        for (var n = 2; await catalog.FindBySlugAsync(candidate, ct) is not null; n++)
        {
            candidate = $"{slug}-{n}";
        }

        return candidate;
    }
}
