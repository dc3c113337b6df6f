using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Options;
using Parley.Core.Hosting;
using Parley.Core.Storage;

namespace Parley.Core.Media;

/// <summary>
/// Media files under <c>{DataDirectory}/media/ab/abcdef…</c>, named by SHA-256, described in the <c>media</c> table;
/// folders 0700 and files 0600 (<see cref="PrivateFiles"/>): they are what contacts sent.
/// </summary>
public sealed class FileMediaStore(IOptions<ParleyOptions> options, Database database, TimeProvider time) : IMediaStore
{
    private string Root => Path.Combine(options.Value.DataPath(), "media");

    public async Task<StoredMedia> SaveAsync(Stream content, string? mimeType, string? fileName, long maxBytes, CancellationToken ct)
    {
        PrivateFiles.EnsureDirectory(Root);
        var temp = Path.Combine(Root, $".upload-{Guid.NewGuid():N}");
        string id;
        long size;
        try
        {
            await using (var file = new FileStream(temp, PrivateFiles.NewFile(FileMode.CreateNew, FileAccess.Write)))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                size = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw new MediaTooLargeException(maxBytes);
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }

                id = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            var path = PathFor(id);
            PrivateFiles.EnsureDirectory(Path.GetDirectoryName(path)!);
            if (!File.Exists(path))
            {
                File.Move(temp, path, overwrite: true);
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        var media = new StoredMedia(id, mimeType, size, SafeFileName(fileName));
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO media (id, mime_type, size, file_name, created_at) VALUES (@Id, @MimeType, @Size, @FileName, @now) ON CONFLICT (id) DO NOTHING",
            new { media.Id, media.MimeType, media.Size, media.FileName, now = time.NowMs() }, cancellationToken: ct));
        return media;
    }

    public async Task<(StoredMedia Media, Stream Content)?> OpenAsync(string id, CancellationToken ct)
    {
        if (id.Length != 64 || !id.All(Uri.IsHexDigit))
        {
            return null;
        }

        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(string id, string? mime_type, long size, string? file_name)?>(new CommandDefinition(
            "SELECT id, mime_type, size, file_name FROM media WHERE id = @id", new { id }, cancellationToken: ct));
        var path = PathFor(id);
        if (row is null || !File.Exists(path))
        {
            return null;
        }

        var r = row.Value;
        return (new StoredMedia(r.id, r.mime_type, r.size, r.file_name), File.OpenRead(path));
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken ct)
    {
        if (id.Length != 64 || !id.All(Uri.IsHexDigit))
        {
            return false;
        }

        // The row first: a file without a row is invisible, a row without a file would be served as missing.
        await using var c = await database.OpenAsync(ct);
        var rows = await c.ExecuteAsync(new CommandDefinition("DELETE FROM media WHERE id = @id", new { id }, cancellationToken: ct));
        var path = PathFor(id);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        return rows > 0;
    }

    private string PathFor(string id) => Path.Combine(Root, id[..2], id);

    private static string? SafeFileName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var clean = new string(Path.GetFileName(name).Where(ch => !char.IsControl(ch)).ToArray()).Trim();
        return clean.Length > 200 ? clean[..200] : clean;
    }
}
