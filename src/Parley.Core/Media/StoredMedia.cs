namespace Parley.Core.Media;

public sealed record StoredMedia(string Id, string? MimeType, long Size, string? FileName);
