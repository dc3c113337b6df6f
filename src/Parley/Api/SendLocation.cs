namespace Parley.Api;

public sealed record SendLocation(double Latitude, double Longitude)
{
    public string? Name { get; init; }
    public string? Address { get; init; }
}
