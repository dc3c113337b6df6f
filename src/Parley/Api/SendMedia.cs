namespace Parley.Api;

public sealed record SendMedia
{
    /// <summary>A public https URL the provider fetches.</summary>
    public string? Url { get; init; }
    /// <summary>Or a media id the provider already has.</summary>
    public string? Id { get; init; }
    /// <summary>Or the id of a file uploaded with <c>POST /api/v1/media</c> (Parley uploads it to the provider).</summary>
    public string? StoredId { get; init; }
    public string? MimeType { get; init; }
    /// <summary>Shown for documents.</summary>
    public string? FileName { get; init; }
}
