namespace Parley.Api;

public sealed record UpdateWebhookRequest
{
    public string? Url { get; init; }
    public IReadOnlyList<string>? Events { get; init; }
    public bool? Enabled { get; init; }
    public string? Description { get; init; }
}
