namespace Parley.Core.Bots;

public sealed record ContactInfo(long Id, string WaId)
{
    public string? Phone { get; init; }
    public string? Name { get; init; }
    public bool OptedOut { get; init; }
    public bool Blocked { get; init; }
    public bool Allowed { get; init; }
}
