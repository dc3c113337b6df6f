namespace Parley.Core.Messaging;

public sealed record LocationInfo(double Latitude, double Longitude)
{
    public string? Name { get; init; }
    public string? Address { get; init; }
    public string? Url { get; init; }
}
