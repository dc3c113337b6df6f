namespace Parley.Core.Messaging;

public sealed record ContactCard
{
    public string? FormattedName { get; init; }
    public IReadOnlyList<ContactPhone>? Phones { get; init; }
    public IReadOnlyList<string>? Emails { get; init; }
    public string? Organization { get; init; }
}
