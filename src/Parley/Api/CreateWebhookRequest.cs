namespace Parley.Api;

public sealed record CreateWebhookRequest
{
    public string? Url { get; init; }
    public IReadOnlyList<string>? Events { get; init; }
    public string? Description { get; init; }
}
