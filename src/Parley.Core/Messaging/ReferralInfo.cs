namespace Parley.Core.Messaging;

public sealed record ReferralInfo
{
    public string? SourceUrl { get; init; }
    public string? SourceId { get; init; }
    public string? SourceType { get; init; }
    public string? Headline { get; init; }
    public string? Body { get; init; }
    public string? CtwaClid { get; init; }
}
