using Parley.Core.Media;

namespace Parley.Api;

/// <summary>A stored file: its id (SHA-256), what it is, and where to download it.</summary>
public sealed record MediaView(string Id, string? MimeType, long Size, string? FileName, string Url)
{
    internal static readonly MediaView Example = new(
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "image/jpeg", 48213, "receipt.jpg",
        UrlFor("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));

    public static MediaView From(StoredMedia m) => new(m.Id, m.MimeType, m.Size, m.FileName, UrlFor(m.Id));

    private static string UrlFor(string id) => MediaApi.UrlFor(id);
}
