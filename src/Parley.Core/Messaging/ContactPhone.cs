namespace Parley.Core.Messaging;

public sealed record ContactPhone(string Phone)
{
    public string? Type { get; init; }
    public string? WaId { get; init; }
}
