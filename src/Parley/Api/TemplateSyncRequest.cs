namespace Parley.Api;

public sealed record TemplateSyncRequest
{
    public string? Account { get; init; }
}
